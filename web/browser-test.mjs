// End-to-end test of the web page in Debian's Chromium (headless), driven by playwright-core, with a fake camera
// that plays a video file. Enrolls a user from the live webcam video and logs in with it: accepted. A recording cannot
// follow the random instruction of the active challenge (that is the challenge's point), so this login switches the
// challenge off and relies on the passive check. Then two refusals, each with the check it is about and its own
// outcome: another person's photos with the passive check only (challenge off), refused as no_match by the matcher;
// the replay attack with the challenge off, refused as spoof by the passive check. A `challenge_failed` would hide a
// broken matcher or liveness check behind the challenge, so neither case accepts it. Last, Swagger UI:
// Authorize with the key and "Try it out" once. Saves a screenshot per state.
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const { BASE_URL, ADMIN_KEY, LIVE_VIDEO, OTHER_VIDEO, REPLAY_VIDEO, SHOTS, NODE_MODULES } = process.env;
// playwright-core is installed under .ci/node (outside the repository's tracked files).
const { chromium } = createRequire(NODE_MODULES + '/')('playwright-core');
mkdirSync(SHOTS, { recursive: true });
const USER = 'apfol-web';

async function withCamera(video, steps) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 412, height: 915 } });
    page.on('pageerror', (e) => { throw e; });
    await page.goto(BASE_URL + '/');
    await page.getByLabel('Key (kept in this tab only)').fill(ADMIN_KEY);
    await page.getByLabel('Key (kept in this tab only)').dispatchEvent('change');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.waitForFunction(() => document.getElementById('guidance').textContent.startsWith('Camera on'));
    await page.waitForTimeout(1500);
    await steps(page);
  } finally {
    await browser.close();
  }
}

async function logIn(page, { challenge }) {
  await page.locator('#login-user').fill(USER);
  await page.getByLabel('Ask me to turn my head (active liveness)').setChecked(challenge);
  await page.getByRole('button', { name: 'Log in with my face' }).click();
  const result = page.locator('#login-result p');
  await result.waitFor({ timeout: 60000 });
  return { text: await result.textContent(), outcome: await page.locator('#login-result').getAttribute('data-outcome') };
}

await withCamera(LIVE_VIDEO, async (page) => {
  await page.screenshot({ path: `${SHOTS}/01-camera-on.png`, fullPage: true });
  await page.locator('#enroll-user').fill(USER);
  await page.locator('#enroll-name').fill('Apfol');
  await page.locator('#enroll-consent').check();
  await page.getByRole('button', { name: 'Capture 3 photos and enroll' }).click();
  const enrolled = page.locator('#enroll-result p');
  await enrolled.waitFor({ timeout: 90000 });
  await page.screenshot({ path: `${SHOTS}/02-enrolled.png`, fullPage: true });
  assert.match(await enrolled.textContent(), /^Enrolled apfol-web/, 'enrollment from the live video');

  assert.ok(await page.locator('#login-challenge').isChecked(), 'the active challenge is on by default');
  const login = await logIn(page, { challenge: false });
  await page.screenshot({ path: `${SHOTS}/03-login-live-accepted.png`, fullPage: true });
  assert.equal(login.outcome, 'match', 'the live video logs in: ' + login.text);
  assert.match(await page.locator('#login-result pre').textContent(), /"sub": "apfol-web"/);
});

await withCamera(OTHER_VIDEO, async (page) => {
  const login = await logIn(page, { challenge: false });
  await page.screenshot({ path: `${SHOTS}/04-login-other-person-no-match.png`, fullPage: true });
  assert.equal(login.outcome, 'no_match', 'another person, passive check only, is refused by the matcher: ' + login.text);
});

await withCamera(REPLAY_VIDEO, async (page) => {
  const login = await logIn(page, { challenge: false });
  await page.screenshot({ path: `${SHOTS}/05-login-replay-spoof.png`, fullPage: true });
  assert.equal(login.outcome, 'spoof', 'the replay attack, challenge off, is refused as not live: ' + login.text);
});

// The API document's page: Authorize with the key, then "Try it out" on listing users sends it.
{
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(BASE_URL + '/swagger-ui.html');
    await page.locator('.info .title').filter({ hasText: 'FaceAuth API' }).waitFor({ timeout: 30000 });
    await page.locator('.scheme-container button.authorize').click();
    // The API key's form (the modal also holds the enrollment invitation's scheme).
    const keyForm = page.locator('.modal-ux form').filter({ hasText: 'X-API-Key' });
    await keyForm.locator('input[type=text]').fill(ADMIN_KEY);
    await keyForm.locator('.auth-btn-wrapper button.authorize').click();
    await keyForm.locator('button.btn-done').click();
    const listUsers = page.locator('.opblock-get').filter({ hasText: '/api/v1/users' }).filter({ hasText: 'List users' });
    await listUsers.locator('.opblock-summary').first().click();
    await listUsers.locator('button.try-out__btn').click();
    await listUsers.locator('button.execute').click();
    const status = listUsers.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 30000 });
    await page.screenshot({ path: `${SHOTS}/06-swagger-try-it-out.png`, fullPage: true });
    assert.equal((await status.textContent()).trim(), '200', 'Try it out sends the authorized key');
    assert.match(await listUsers.locator('.live-responses-table .response .response-col_description').first().textContent(),
      /apfol-web/);
  } finally {
    await browser.close();
  }
}

console.log('browser tests passed; screenshots in ' + SHOTS);
