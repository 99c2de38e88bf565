// End-to-end test of the admin console (/admin) in Debian's Chromium (headless), driven by playwright-core, on the
// server that web/oidc-browser-test.mjs has just used (apfol-web is enrolled and has logged in). Signs in, then goes
// through the dashboard, users (search, detail, disable/enable, unlock, erase with its confirmation), API keys
// (create shows the secret once, revoke), enrollment invitations (create shows the link once, revoke), applications
// (register shows the client secret once, delete) and the audit log (filter), mostly by keyboard. A screenshot per page.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const { BASE_URL, ADMIN_KEY, SHOTS, NODE_MODULES } = process.env;
const { chromium } = createRequire(NODE_MODULES + '/')('playwright-core');
mkdirSync(SHOTS, { recursive: true });
const USER = 'apfol-web';
const DOOMED = 'console-erase-me';

async function api(method, path, body) {
  const response = await fetch(BASE_URL + '/api/v1' + path, {
    method,
    headers: { 'X-API-Key': ADMIN_KEY, 'Content-Type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

assert.equal((await api('POST', '/users', { userId: DOOMED, displayName: 'Doomed', consent: true })).status, 201);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('pageerror', (e) => { throw e; });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => d.accept());
  const status = (id) => page.locator('#' + id).textContent();

  await page.goto(BASE_URL + '/admin');
  await page.getByLabel('Admin key (kept in this tab only)').fill('not-a-key-at-all-0123456789');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('signin-status').textContent !== '');
  assert.match(await status('signin-status'), /was not accepted/, 'a wrong key is refused');
  assert.ok(await page.locator('#tabs').isHidden(), 'nothing opens without a valid admin key');
  await page.screenshot({ path: `${SHOTS}/admin-01-sign-in-refused.png`, fullPage: true });

  await page.getByLabel('Admin key (kept in this tab only)').fill(ADMIN_KEY);
  await page.keyboard.press('Enter');
  await page.locator('#dashboard').waitFor();
  await page.waitForFunction(() => document.getElementById('dash-outcomes').children.length > 0);
  assert.match(await page.locator('#dash-outcomes').textContent(), /match/, 'the earlier login is counted');
  assert.match(await page.locator('#dash-locked').textContent(), /^\d+$/);
  assert.match(await page.locator('#dash-p95').textContent(), /( ms$)|(^no recent verifications$)/,
    'a recent p95 or, once the earlier login has left the window, no figure (never 0 ms)');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('faceauth.adminKey')), ADMIN_KEY);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'the key is kept in sessionStorage only');
  await page.screenshot({ path: `${SHOTS}/admin-02-dashboard.png`, fullPage: true });

  await page.getByRole('button', { name: 'Users', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByLabel('Id or name starts with').fill('apfol');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Open user ' + USER }).click();
  await page.locator('#user-detail').waitFor();
  assert.match(await page.locator('#detail-fields').textContent(), /Last successful verification20\d\d-/);
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.waitForFunction(() => document.getElementById('users-status').textContent.startsWith('Disabled'));
  assert.match(await page.locator('#user-rows').textContent(), /disabled/);
  await page.screenshot({ path: `${SHOTS}/admin-03-user-disabled.png`, fullPage: true });
  await page.getByRole('button', { name: 'Enable' }).click();
  await page.waitForFunction(() => document.getElementById('users-status').textContent.startsWith('Enabled'));
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => /nlock/.test(document.getElementById('users-status').textContent));
  assert.match(await status('users-status'), /^(Unlocked|Nothing to unlock for) apfol-web\.$/);

  await page.getByLabel('Id or name starts with').fill(DOOMED);
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.getByRole('button', { name: 'Open user ' + DOOMED }).click();
  await page.waitForFunction((id) => document.getElementById('detail-title').textContent.endsWith(id), DOOMED);
  await page.getByRole('button', { name: 'Erase…' }).click();
  await page.getByLabel('Type the user id to confirm').fill('wrong-id');
  await page.screenshot({ path: `${SHOTS}/admin-04-erase-confirmation.png`, fullPage: true });
  await page.getByRole('button', { name: 'Erase', exact: true }).click();
  await page.waitForFunction(() => document.getElementById('users-status').textContent.startsWith('Not erased'));
  assert.equal((await api('GET', '/users/' + DOOMED)).status, 200, 'a mistyped confirmation erases nothing');
  await page.getByRole('button', { name: 'Erase…' }).click();
  await page.getByLabel('Type the user id to confirm').fill(DOOMED);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('users-status').textContent.startsWith('Erased'));
  assert.equal((await api('GET', '/users/' + DOOMED)).status, 404, 'erased');

  await page.getByRole('button', { name: 'API keys' }).click();
  await page.getByLabel('Name', { exact: true }).fill('console key');
  await page.getByLabel('Role', { exact: true }).selectOption('app');
  await page.getByRole('button', { name: 'Create key' }).click();
  await page.locator('#key-secret').waitFor();
  const secret = await page.locator('#key-secret-value').textContent();
  assert.match(secret, /^fa_/, 'the new secret is shown');
  await page.screenshot({ path: `${SHOTS}/admin-05-keys-secret-shown-once.png`, fullPage: true });
  assert.ok(!(await page.locator('#key-rows').textContent()).includes(secret), 'the list never shows secrets');
  await page.getByRole('button', { name: /^Revoke key console key/ }).click();
  await page.waitForFunction(() => document.getElementById('keys-status').textContent.startsWith('Revoked'));
  assert.ok(await page.locator('#key-secret').isHidden(), 'the secret is gone once the key is revoked');
  const refused = await fetch(BASE_URL + '/api/v1/auth/jwks.json', { headers: { 'X-API-Key': secret } });
  assert.equal(refused.status, 401, 'a revoked key no longer works');

  await page.getByRole('button', { name: 'Invitations' }).click();
  await page.getByLabel('User id', { exact: true }).fill('console-invited');
  await page.getByLabel('Name (optional)').fill('Invited in the console');
  await page.getByRole('button', { name: 'Create invitation' }).click();
  await page.locator('#invitation-link').waitFor();
  const link = await page.locator('#invitation-link-value').textContent();
  assert.match(link, /\/enroll#inv_[A-Za-z0-9_-]{43}$/, 'the link is shown once');
  assert.ok(await page.getByRole('button', { name: 'Copy link' }).isVisible());
  await page.waitForFunction(() => /console-invited/.test(document.getElementById('invitation-rows').textContent));
  assert.ok(!(await page.locator('#invitation-rows').textContent()).includes(link.split('#')[1]),
    'the list never shows the secret');
  await page.screenshot({ path: `${SHOTS}/admin-06-invitation-link-shown-once.png`, fullPage: true });
  await page.getByRole('button', { name: /^Revoke the invitation of console-invited/ }).click();
  await page.waitForFunction(() => document.getElementById('invitations-status').textContent.startsWith('Revoked'));
  assert.match(await page.locator('#invitation-rows').textContent(), /revoked/);
  const gone = await fetch(BASE_URL + '/api/v1/invitation', { headers: { Authorization: 'Invitation ' + link.split('#')[1] } });
  assert.equal(gone.status, 410, 'a revoked invitation no longer works');
  await page.getByRole('button', { name: 'Applications' }).click();
  await page.getByLabel('Application name').fill('Console app');
  await page.getByLabel(/^Redirect URI/).fill('https://console-app.example.org/callback');
  await page.getByLabel('Type', { exact: true }).selectOption('confidential');
  await page.getByRole('button', { name: 'Register application' }).click();
  await page.waitForFunction(() => document.getElementById('clients-status').textContent.startsWith('Registered'));
  const clientSecret = await page.locator('#client-secret-value').textContent();
  assert.ok(clientSecret.length > 30, 'the client secret is shown once');
  assert.match(await page.locator('#client-rows').textContent(), /Console app/);
  assert.ok(!(await page.locator('#client-rows').textContent()).includes(clientSecret), 'never in the list');
  await page.screenshot({ path: `${SHOTS}/admin-07-application-registered.png`, fullPage: true });
  await page.getByRole('button', { name: /^Delete application Console app/ }).click();
  await page.waitForFunction(() => document.getElementById('clients-status').textContent.startsWith('Deleted'));
  assert.ok(!(await page.locator('#client-rows').textContent()).includes('Console app'), 'deleted');

  await page.getByRole('button', { name: 'Audit log' }).click();
  await page.getByLabel('User', { exact: true }).fill(USER);
  await page.getByLabel('Action').selectOption('disable_user');
  await page.getByLabel('User', { exact: true }).press('Enter');
  await page.waitForFunction(() => /of 1$/.test(document.getElementById('audit-count').textContent));
  assert.match(await page.locator('#audit-rows').textContent(), /disable_userapfol-webdisabled/);
  await page.screenshot({ path: `${SHOTS}/admin-08-audit.png`, fullPage: true });

  const foreign = requests.filter((u) => !u.startsWith(BASE_URL));
  assert.deepEqual(foreign, [], 'no external resources');
} finally {
  await browser.close();
}
console.log('admin console browser tests passed; screenshots in ' + SHOTS);
