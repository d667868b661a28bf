/** How long the download's object URL lives: the browser reads the blob after the click returns. */
const REVOKE_AFTER_MS = 60_000;

/** Hands `text` to the browser as a download named `name`. */
export function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}
