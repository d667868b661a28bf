/**
 * A demo server's side of one connection, kept as Go's ServeCodec keeps it:
 * it reads until told to stop, answers every call still running, then closes.
 * Replies that the kernel will not take pause the reading, so a client that
 * sends but never reads cannot make them pile up in memory.
 */
import type { Socket } from 'node:net';
import type { StepRecorder } from './server-steps';

export type ServedSocket = {
  readonly reading: boolean;
  /** One reply; its call's step 9 is stamped when the kernel has taken it. */
  write(bytes: Uint8Array, recorder: StepRecorder): void;
  /** Reads no more: the connection closes once the calls running are answered. */
  stopReading(): void;
  /** Keeps the connection open while `call` runs; it must settle without rejecting. */
  running(call: Promise<unknown>): void;
  /** A read error (a reset peer): both sides are gone. */
  broken(): void;
};

export function servedSocket(socket: Socket): ServedSocket {
  let reading = true;
  let inFlight = 0;

  const closeWhenIdle = () => {
    if (reading || inFlight > 0 || socket.destroyed) return;
    socket.end(() => socket.destroy());
  };
  socket.on('drain', () => {
    if (reading) socket.resume();
  });

  return {
    get reading() {
      return reading;
    },
    write(bytes, recorder) {
      if (socket.destroyed || !socket.writable) return;
      const flushed = socket.write(bytes, (error) => {
        if (!error) recorder.written();
      });
      if (!flushed) socket.pause();
    },
    stopReading() {
      reading = false;
      socket.pause();
      closeWhenIdle();
    },
    running(call) {
      inFlight++;
      call.finally(() => {
        inFlight--;
        closeWhenIdle();
      });
    },
    broken() {
      reading = false;
      socket.destroy();
    },
  };
}
