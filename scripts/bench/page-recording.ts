/**
 * Page-side code the Chromium benches inject, as text: tsx would otherwise
 * wrap functions written in TypeScript in a helper the page lacks.
 *
 * Declares `record`, which gathers every gap between animation frames
 * (`record.frames`) and every long task (`record.longTasks`, from
 * PerformanceObserver('longtask'): tasks of 50 ms and more), and
 * `stopFrameRecording()`, which ends both. Each bench adds its own
 * `window.__benchStop` that calls it and returns what it wants.
 */
export const FRAME_RECORDING = `
  const record = { frames: [], longTasks: [], running: true };
  let last = null;
  function frame(now) {
    if (!record.running) return;
    if (last !== null) record.frames.push(now - last);
    last = now;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  function stopFrameRecording() {
    record.running = false;
    observer.disconnect();
  }`;
