// End-to-end test of enrollment invitations in Debian's Chromium (headless) with a fake camera playing the live
// webcam video: an invitation enrolls the video's person through the enrollment page (consent, camera, several
// frames with small head movements); the used link is then refused, so are a revoked and an expired one, and a page
// whose consent was not given cannot enroll. Last, the margin: the genuine score of frames of the live video that no
// enrollment used, against (a) a user enrolled from three stills of one moment (what the old page did) and (b) the
// user enrolled by invitation, printed as score vs threshold. Saves a screenshot per state.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import {
  createInvitation, enrollByInvitation, fakeCameraArgs, openInvitation,
} from './lib/invitation-enrollment.mjs';

const { BASE_URL, ADMIN_KEY, LIVE_VIDEO, SHOTS, NODE_MODULES, FRAMES_DIR } = process.env;
const { chromium } = createRequire(NODE_MODULES + '/')('playwright-core');
mkdirSync(SHOTS, { recursive: true });
const INVITED = 'apfol-invited';
const STILLS = 'apfol-stills';

async function admin(method, path, body) {
  const headers = { 'X-API-Key': ADMIN_KEY };
  if (body && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  const response = await fetch(BASE_URL + '/api/v1' + path, {
    method, headers, body: body instanceof FormData ? body : body && JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  return { status: response.status, body: type.includes('json') ? await response.json() : null };
}

async function refusedPage(browser, url, name, pattern) {
  const { context, page } = await openInvitation(browser, BASE_URL, url);
  try {
    const result = page.locator('#result p');
    await result.waitFor({ timeout: 30000 });
    await page.screenshot({ path: `${SHOTS}/invitation-${name}.png`, fullPage: true });
    assert.equal(await result.getAttribute('id'), 'result-fail', name + ' is refused');
    assert.match(await result.textContent(), pattern, name);
    assert.ok(await page.locator('#camera-section').isHidden(), name + ': no camera');
  } finally {
    await context.close();
  }
}

// One person, one account: web/browser-test.mjs enrolled the same video's person as apfol-web on this server, so the
// invitation would be refused as a duplicate face. Erase that account first (absent when this test runs alone).
assert.ok([204, 404].includes((await admin('DELETE', '/users/apfol-web')).status), 'apfol-web erased or absent');

// Made first, so that it has expired (1 minute) by the time it is opened at the end.
const expiring = await createInvitation({ baseUrl: BASE_URL, adminKey: ADMIN_KEY, userId: 'apfol-late',
  expiresInMinutes: 1 });
const expiringSince = Date.now();

let capturedWithinMs = 0;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: fakeCameraArgs(LIVE_VIDEO) });
try {
  const enrolled = await enrollByInvitation({ browser, baseUrl: BASE_URL, adminKey: ADMIN_KEY, userId: INVITED,
    shots: SHOTS, displayName: 'Apfol' });
  console.log('invitation enrollment: ' + enrolled.text + ' (pictures taken within ' + enrolled.capturedWithinMs
    + ' ms of the camera starting)');
  capturedWithinMs = enrolled.capturedWithinMs;

  await refusedPage(browser, enrolled.url, '05-reused-link-refused', /already used/);

  const revoked = await createInvitation({ baseUrl: BASE_URL, adminKey: ADMIN_KEY, userId: 'apfol-revoked' });
  assert.equal((await admin('DELETE', '/admin/invitations/' + revoked.invitation.id)).status, 204);
  await refusedPage(browser, revoked.url, '06-revoked-link-refused', /withdrawn/);

  // Without consent: the enroll button stays disabled, and the API refuses the page's enrollment call.
  const unconsented = await createInvitation({ baseUrl: BASE_URL, adminKey: ADMIN_KEY, userId: 'apfol-no-consent' });
  {
    const { context, page } = await openInvitation(browser, BASE_URL, unconsented.url);
    try {
      await page.getByRole('button', { name: 'Start camera' }).click();
      await page.locator('#advice').filter({ hasText: 'Camera on' }).waitFor({ timeout: 30000 });
      await page.screenshot({ path: `${SHOTS}/invitation-07-no-consent.png`, fullPage: true });
      assert.ok(await page.getByRole('button', { name: 'Take pictures and enroll' }).isDisabled(),
        'no enrolling before consent');
      const secret = new URL(unconsented.url).hash.slice(1);
      const frame = readFileSync(`${FRAMES_DIR}/still-1.jpg`).toString('base64');
      const answer = await page.evaluate(async ({ secret, frame }) => {
        const response = await fetch('/api/v1/invitation/enroll', {
          method: 'POST',
          headers: { Authorization: 'Invitation ' + secret, 'Content-Type': 'application/json' },
          body: JSON.stringify({ consent: true, frames: [frame, frame, frame] }),
        });
        return { status: response.status, body: await response.json() };
      }, { secret, frame });
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'CONSENT_REQUIRED');
    } finally {
      await context.close();
    }
  }
  assert.equal((await admin('GET', '/users/apfol-no-consent')).status, 404, 'nothing enrolled without consent');

  const wait = expiringSince + 62000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  await refusedPage(browser, expiring.url, '08-expired-link-refused', /expired/);
} finally {
  await browser.close();
}

// The margin: three stills of one moment (as the old page enrolled) against the invitation's several moments, both
// verified with frames of the live video from its last seconds (the video lasts 11.7 s), which neither enrollment
// used.
const form = new FormData();
for (const n of [1, 2, 3]) {
  form.append('images', new Blob([readFileSync(`${FRAMES_DIR}/still-${n}.jpg`)]), `still-${n}.jpg`);
}
const stills = await admin('POST', `/users/${STILLS}/faces?createUser=true&consent=true&allowDuplicate=true`, form);
assert.equal(stills.status, 201, 'three stills enrolled: ' + JSON.stringify(stills.body));

async function verify(user, file) {
  const probe = new FormData();
  probe.append('userId', user);
  probe.append('image', new Blob([readFileSync(`${FRAMES_DIR}/${file}`)]), file);
  const { status, body } = await admin('POST', '/auth/verify', probe);
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}

// Probe frames are named by their second in the video; the invitation's pictures came from its first seconds.
const probes = readdirSync(FRAMES_DIR).filter((f) => f.startsWith('probe-')).sort();
assert.ok(probes.length >= 3, 'probe frames: ' + probes);
for (const file of probes) {
  assert.ok(Number(file.slice(6, -4)) * 1000 > capturedWithinMs,
    `${file} is later in the video than the invitation's pictures (${capturedWithinMs} ms)`);
}
const scores = { [STILLS]: [], [INVITED]: [] };
for (const file of probes) {
  for (const user of [STILLS, INVITED]) {
    const answer = await verify(user, file);
    scores[user].push(answer.score);
    console.log(`margin: ${user} ${file} score ${answer.score.toFixed(4)} threshold ${answer.threshold.toFixed(4)} `
      + `outcome ${answer.outcome}`);
  }
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const user of [STILLS, INVITED]) {
  console.log(`margin: ${user === STILLS ? '(a) three stills of one moment' : '(b) invitation, several moments'}: `
    + `mean ${mean(scores[user]).toFixed(4)}, min ${Math.min(...scores[user]).toFixed(4)} over ${probes.length} `
    + 'unused frames');
}
console.log('invitation browser tests passed; screenshots in ' + SHOTS);
