// End-to-end test of the web page in Debian's Chromium (headless), driven by playwright-core, with a fake camera
// that plays a video file. Enrolls a user from the live webcam video and logs in with it: accepted. A recording cannot
// follow the random instruction of the active challenge (that is the challenge's point), so this login switches the
// challenge off and relies on the passive check. Then, with the page's defaults (challenge on), logs in as that user
// with another person's photos and with the replay attack: both refused. Saves a screenshot per state.
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

async function logIn(page) {
  await page.locator('#login-user').fill(USER);
  await page.getByRole('button', { name: 'Log in with my face' }).click();
  const result = page.locator('#login-result p');
  await result.waitFor({ timeout: 60000 });
  return { text: await result.textContent(), outcome: await page.locator('#login-result').getAttribute('data-outcome') };
}

await withCamera(LIVE_VIDEO, async (page) => {
  await page.screenshot({ path: `${SHOTS}/01-camera-on.png`, fullPage: true });
  await page.locator('#enroll-user').fill(USER);
  await page.locator('#enroll-name').fill('Apfol');
  await page.getByLabel(/I consent to FaceAuth storing a template/).check();
  await page.getByRole('button', { name: 'Capture 3 photos and enroll' }).click();
  const enrolled = page.locator('#enroll-result p');
  await enrolled.waitFor({ timeout: 90000 });
  await page.screenshot({ path: `${SHOTS}/02-enrolled.png`, fullPage: true });
  assert.match(await enrolled.textContent(), /^Enrolled apfol-web/, 'enrollment from the live video');

  assert.ok(await page.locator('#login-challenge').isChecked(), 'the active challenge is on by default');
  await page.getByLabel('Ask me to turn my head (active liveness)').uncheck();
  const login = await logIn(page);
  await page.screenshot({ path: `${SHOTS}/03-login-live-accepted.png`, fullPage: true });
  assert.equal(login.outcome, 'match', 'the live video logs in: ' + login.text);
  assert.match(await page.locator('#login-result pre').textContent(), /"sub": "apfol-web"/);
});

await withCamera(OTHER_VIDEO, async (page) => {
  const login = await logIn(page);
  await page.screenshot({ path: `${SHOTS}/04-login-other-person-refused.png`, fullPage: true });
  assert.ok(['no_match', 'spoof', 'challenge_failed'].includes(login.outcome),
    'another person is refused: ' + login.text);
});

await withCamera(REPLAY_VIDEO, async (page) => {
  const login = await logIn(page);
  await page.screenshot({ path: `${SHOTS}/05-login-replay-refused.png`, fullPage: true });
  assert.ok(['spoof', 'challenge_failed'].includes(login.outcome), 'the replay attack is refused: ' + login.text);
});

console.log('browser tests passed; screenshots in ' + SHOTS);
