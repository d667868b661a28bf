import { expect, test } from './fixtures';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

test('the page loads and works with every non-loopback request blocked', async ({ page, app }) => {
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  await page.goto(app.url);
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(`${app.demo.host}:${app.demo.port}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByText('30', { exact: true })).toBeVisible();
  expect(blocked).toEqual([]);
});
