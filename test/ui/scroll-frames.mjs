// How the viewer's scrolling is timed, in the UI journey and in `npm run bench` alike: the viewport is scrolled from top
// to bottom in `steps` jumps, one per frame, and then left still while the pages it asked for arrive. Each frame's
// main-thread work is timed from the frame's start (the timestamp requestAnimationFrame gives) to the first task after
// it, which runs once the frame's callbacks, style, layout and paint are done. The interval between frames is not
// the figure: a headless browser paces frames irregularly, which says nothing about the page. Self-contained, as
// Playwright sends it into the page as source.
export async function scrollFrames({ selector, steps, settleMs }) {
  const viewport = document.querySelector(selector);
  const frames = [];
  let running = true;
  const afterFrame = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  const measureFrames = async () => {
    while (running) {
      const start = await new Promise((resolve) => requestAnimationFrame(resolve));
      frames.push((await afterFrame()) - start);
    }
  };
  // Frames start being timed once the page is idle: the first frame would also count the task that called this.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const measuring = measureFrames();
  for (let step = 1; step <= steps; step++) {
    viewport.scrollTop = (viewport.scrollHeight - viewport.clientHeight) * (step / steps);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  running = false;
  await measuring;
  const sorted = [...frames].sort((a, b) => a - b);
  return {
    longestMs: sorted[sorted.length - 1],
    medianMs: sorted[Math.floor(sorted.length / 2)],
    frames: frames.length,
    domRows: document.querySelectorAll(`${selector} .rows .row`).length,
  };
}
