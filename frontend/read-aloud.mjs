// Read aloud: read the main content with the browser's own speech synthesis (Web Speech
// API), one sentence at a time, highlighting the sentence being read.
//
// The toolbar is in the layout with the `hidden` attribute; it is shown only when this
// script runs and the browser has a voice for the page's language (en-GB, or cy on Welsh
// pages). Sentences are wrapped in <span>s while reading and the page is put back as it
// was when reading stops.

const SKIP =
  "script, style, noscript, template, [hidden], [aria-hidden='true'], .govuk-visually-hidden, [data-read-aloud-skip], [data-app-read-aloud]";
const BLOCKS =
  "p, li, h1, h2, h3, h4, h5, h6, dt, dd, td, th, caption, legend, label, summary, blockquote, figcaption, button, a.govuk-button, .govuk-hint, .govuk-error-message, div, section, article, main";
const SENTENCE = /(?<=[.!?…])\s+/;

function pickVoice(voices, lang) {
  const wanted = lang.toLowerCase();
  const base = wanted.split("-")[0];
  const byLang = (test) => voices.filter((voice) => test((voice.lang || "").toLowerCase().replace("_", "-")));
  const exact = byLang((l) => l === wanted);
  const sameBase = byLang((l) => l.split("-")[0] === base);
  const list = exact.length ? exact : sameBase;
  return list.find((voice) => voice.localService) || list[0] || null;
}

class ReadAloud {
  constructor(toolbar, content) {
    this.toolbar = toolbar;
    this.content = content;
    this.synth = window.speechSynthesis;
    this.lang = document.documentElement.lang || "en-GB";
    this.play = toolbar.querySelector("[data-action='play']");
    this.pause = toolbar.querySelector("[data-action='pause']");
    this.stopButton = toolbar.querySelector("[data-action='stop']");
    this.status = toolbar.querySelector("[data-status]");
    this.voice = null;
    this.chunks = [];
    this.restorers = [];
    this.index = 0;
    this.state = "stopped"; // stopped | reading | paused
    this.play.addEventListener("click", () => (this.state === "stopped" ? this.start() : this.stop()));
    this.pause.addEventListener("click", () => (this.state === "paused" ? this.resume() : this.pauseReading()));
    this.stopButton.addEventListener("click", () => this.stop());
    window.addEventListener("pagehide", () => this.synth.cancel());
    document.addEventListener("htmx:beforeSwap", () => this.stop());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.state !== "stopped") this.stop();
    });
  }

  offerWhenVoicesExist() {
    const update = () => {
      this.voice = pickVoice(this.synth.getVoices(), this.lang);
      this.toolbar.hidden = !this.voice;
    };
    update();
    this.synth.addEventListener("voiceschanged", update);
  }

  announce(message) {
    this.status.textContent = message;
  }

  render() {
    const active = this.state !== "stopped";
    this.play.setAttribute("aria-pressed", String(active));
    this.pause.hidden = !active;
    this.stopButton.hidden = !active;
    this.pause.setAttribute("aria-pressed", String(this.state === "paused"));
    this.pause.textContent = this.state === "paused" ? this.pause.dataset.labelResume : this.pause.dataset.labelPause;
  }

  // Wrap every sentence of the readable text in spans; remember how to undo it.
  wrapSentences() {
    const walker = document.createTreeWalker(this.content, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        if (!node.nodeValue.trim()) return NodeFilter.FILTER_REJECT;
        const parent = node.parentElement;
        if (!parent || parent.closest(SKIP)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      },
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);

    let chunk = null;
    let block = null;
    const finish = () => {
      if (chunk && chunk.text.trim()) this.chunks.push(chunk);
      chunk = null;
    };
    for (const node of nodes) {
      const nodeBlock = node.parentElement.closest(BLOCKS);
      if (nodeBlock !== block) {
        finish();
        block = nodeBlock;
      }
      const parts = node.nodeValue.split(SENTENCE);
      const spans = parts.map((part, i) => {
        const span = document.createElement("span");
        span.className = "app-read-aloud__sentence";
        span.textContent = i < parts.length - 1 ? `${part} ` : part;
        chunk = chunk || { text: "", spans: [] };
        chunk.text += ` ${part}`;
        chunk.spans.push(span);
        if (i < parts.length - 1) finish();
        return span;
      });
      node.replaceWith(...spans);
      this.restorers.push(() => {
        if (spans[0].isConnected) {
          spans[0].replaceWith(node);
          spans.slice(1).forEach((span) => span.remove());
        }
      });
    }
    finish();
  }

  unwrap() {
    this.restorers.reverse().forEach((restore) => restore());
    this.restorers = [];
    this.chunks = [];
  }

  highlight(index) {
    this.content.querySelectorAll(".app-read-aloud__sentence--current").forEach((span) => {
      span.classList.remove("app-read-aloud__sentence--current");
    });
    const chunk = this.chunks[index];
    if (!chunk) return;
    chunk.spans.forEach((span) => span.classList.add("app-read-aloud__sentence--current"));
    chunk.spans[0].scrollIntoView({ block: "nearest", behavior: "smooth" });
  }

  speak(index) {
    if (this.state === "stopped") return;
    if (index >= this.chunks.length) {
      this.stop(this.toolbar.dataset.statusFinished);
      return;
    }
    this.index = index;
    this.highlight(index);
    const utterance = new SpeechSynthesisUtterance(this.chunks[index].text.trim());
    utterance.lang = this.voice ? this.voice.lang : this.lang;
    if (this.voice) utterance.voice = this.voice;
    utterance.rate = 0.9;
    utterance.onend = () => {
      if (this.state !== "stopped" && this.index === index) this.speak(index + 1);
    };
    utterance.onerror = (event) => {
      if (event.error !== "interrupted" && event.error !== "canceled") this.stop();
    };
    this.synth.speak(utterance);
  }

  start() {
    this.synth.cancel();
    this.wrapSentences();
    if (!this.chunks.length) {
      this.unwrap();
      return;
    }
    this.state = "reading";
    this.render();
    this.announce(this.toolbar.dataset.statusReading);
    this.speak(0);
  }

  pauseReading() {
    this.synth.pause();
    this.state = "paused";
    this.render();
    this.announce(this.toolbar.dataset.statusPaused);
  }

  resume() {
    this.state = "reading";
    this.synth.resume();
    this.render();
    this.announce(this.toolbar.dataset.statusReading);
  }

  stop(message) {
    if (this.state === "stopped") return;
    const hadFocus = this.toolbar.contains(document.activeElement);
    this.state = "stopped";
    this.synth.cancel();
    this.highlight(-1);
    this.unwrap();
    this.render();
    this.announce(message || this.toolbar.dataset.statusStopped);
    // The pause and stop buttons have just been hidden: keep the keyboard user's place.
    if (hadFocus) this.play.focus();
  }
}

export function startReadAloud(root) {
  const toolbar = root.querySelector("[data-app-read-aloud]");
  const content = root.getElementById ? root.getElementById("main-content") : null;
  if (!toolbar || !content || !("speechSynthesis" in window) || !window.SpeechSynthesisUtterance) {
    return null;
  }
  const reader = new ReadAloud(toolbar, content);
  reader.offerWhenVoicesExist();
  return reader;
}
