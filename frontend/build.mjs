// Build the front-end assets into coproduce/static/app/ (ignored by git).
import { compile } from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";

const out = "coproduce/static/app";
mkdirSync(out, { recursive: true });

const css = compile("frontend/app.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/app.css`, css.css);

cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/govuk-frontend.min.js`);
cpSync("node_modules/govuk-frontend/dist/govuk/assets", `${out}/govuk`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx.min.js`);
cpSync("frontend/app.mjs", `${out}/app.js`);
cpSync("frontend/favicon.svg", `${out}/favicon.svg`);
console.log(`assets built into ${out}`);
