// The Try it streaming benchmark page (item 11), bundled by bench/inference.ts and run in Chromium: the page's own answer
// view (webview/try/answer.ts: the card's markdown pipeline and sanitiser, final text frozen in pieces, the tail
// rendered again) fed an answer at a given rate of tokens per second, in one message per frame as the host batches them.
// Every task that appends is timed with style and layout forced at its end, as the browser must run them to paint.
import { AnswerView, warmUp } from '../webview/try/answer';

/** @type {import('../src/cards/urls').CardLocation} */
const LOCATION = { endpoint: 'https://huggingface.co', type: 'model', id: 'org/model', revision: 'main' };
const FRAME_MS = 16;

/** Tokens of a long answer as a chat model writes one: paragraphs, lists, a code block, inline code and bold. */
function tokens(count) {
  const words = [];
  const paragraph = 'Attention lets each **token** look at every other token and weigh what matters for `the next` one'.split(' ');
  for (let i = 0; words.length < count; i++) {
    if (i % 6 === 5) {
      words.push('\n\n```python\nscores = q @ k.T / d ** 0.5\nweights = scores.softmax(-1)\n```\n\n');
    } else if (i % 6 === 3) {
      words.push('\n\n- queries\n- keys\n- values\n\n');
    } else {
      words.push(...paragraph.map((w, j) => (j === 0 && i > 0 ? `\n\n${w}` : ` ${w}`)));
    }
  }
  return words.slice(0, count);
}

globalThis.tryBench = {
  async stream(count, perSecond) {
    const main = document.getElementById('try');
    // As the page does once it has its state, before any answer streams.
    warmUp(LOCATION);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const view = new AnswerView(LOCATION);
    main.append(view.element);
    const all = tokens(count);
    const perFrame = (perSecond * FRAME_MS) / 1000;
    const tasks = [];
    let sent = 0;
    const started = performance.now();
    while (sent < all.length) {
      const due = Math.min(all.length, Math.round(((performance.now() - started + FRAME_MS) / 1000) * perSecond));
      const delta = all.slice(sent, Math.max(due, sent + Math.ceil(perFrame))).join('');
      sent = Math.max(due, sent + Math.ceil(perFrame));
      const t0 = performance.now();
      view.append(delta);
      void document.body.offsetHeight;
      tasks.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, FRAME_MS));
    }
    await view.finish();
    const sorted = [...tasks].sort((a, b) => a - b);
    return { longestMs: sorted[sorted.length - 1], medianMs: sorted[Math.floor(sorted.length / 2)], messages: tasks.length, chars: view.value.length, pieces: view.element.children.length };
  },
};
