// Build the front-end assets into coproduce/static/app/ (ignored by git): `npm run build`.
// Only what the app uses is copied: no GOV.UK fonts, crown, crest or GOV.UK icons (the
// service is unbranded), and the easy-read symbols live in coproduce/static/symbols/.
// Each file is written beside its final name and renamed into place, so a server running
// while the assets are rebuilt never serves a missing or half-written file.
import { compile } from "sass";
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";

const out = "coproduce/static/app";
mkdirSync(out, { recursive: true });

function put(name, write) {
  const temporary = `${out}/.${name}.${process.pid}.tmp`;
  write(temporary);
  renameSync(temporary, `${out}/${name}`);
}

const css = compile("frontend/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
put("app.css", (path) => writeFileSync(path, css.css));

const copies = {
  "app.js": "frontend/app.mjs",
  "read-aloud.js": "frontend/read-aloud.mjs",
  "favicon.svg": "frontend/favicon.svg",
  // For browsers that do not show an SVG icon: the same mark, 32 px square.
  "favicon-32.png": "frontend/favicon-32.png",
  "govuk-frontend.min.js": "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js",
  "htmx.min.js": "node_modules/htmx.org/dist/htmx.min.js",
};
for (const [name, from] of Object.entries(copies)) {
  put(name, (path) => copyFileSync(from, path));
}

// Remove what earlier builds left that this one no longer makes (another build running at
// the same time may own a .tmp file: leave those).
const made = new Set(["app.css", ...Object.keys(copies)]);
for (const entry of readdirSync(out)) {
  if (!made.has(entry) && !entry.endsWith(".tmp")) {
    rmSync(`${out}/${entry}`, { recursive: true, force: true });
  }
}
console.log(`assets built into ${out}`);
