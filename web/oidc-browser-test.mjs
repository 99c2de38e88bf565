// End-to-end test of "Log in with FaceAuth" in Debian's Chromium (headless), driven by playwright-core, with fake
// cameras that play video files. A small relying-party application (web/relying-party.mjs, openid-client from npm)
// sends the browser to FaceAuth's hosted login page; there the person types their user id, starts the camera (with
// framing advice), and the face check runs: the head-turn challenge (the server's default; CHALLENGE=false when the
// server runs the passive check only) and the passive liveness check. The live video's person is first enrolled as the old web page did (three stills of one moment, over the
// REST API) and logs in; then that enrollment is erased and the person enrolls by invitation (web/lib: the webcam
// page, several moments) and logs in again; the relying party validates each ID token with its library, and the
// genuine score of both logins (audit log) is printed against the threshold. Another person's photos (refused three
// times) and the replay attack ("Not live", then Cancel) end in access_denied at the relying party. Then the landing
// page and Swagger UI's "Try it out" with the operator's admin key. A screenshot of each step.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { startRelyingParty } from './relying-party.mjs';
import { enrollByInvitation, fakeCameraArgs } from './lib/invitation-enrollment.mjs';

const { BASE_URL, ADMIN_KEY, LIVE_VIDEO, OTHER_VIDEO, REPLAY_VIDEO, LIVE_STILLS, SHOTS, NODE_MODULES, RP_PORT } =
  process.env;
const { chromium } = createRequire(NODE_MODULES + '/')('playwright-core');
mkdirSync(SHOTS, { recursive: true });
const USER = 'apfol-web';
// Whether the server runs hosted logins with the head-turn challenge (faceauth.oidc.challenge-required).
const CHALLENGE = process.env.CHALLENGE === 'true';

async function api(method, path, body) {
  const response = await fetch(BASE_URL + '/api/v1' + path, {
    method,
    headers: { 'X-API-Key': ADMIN_KEY, ...(body instanceof FormData ? {} : { 'Content-Type': 'application/json' }) },
    body: body instanceof FormData ? body : body && JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

// Enrolls the live video's person as the old web page did: three stills of one moment, through the REST API.
async function enrollFromOneMoment({ userId, stills }) {
  assert.equal((await api('POST', '/users', { userId, displayName: 'Apfol', consent: true })).status, 201);
  const form = new FormData();
  for (const still of stills) {
    form.append('images', new Blob([readFileSync(still)], { type: 'image/jpeg' }), still);
  }
  const enrolled = await api('POST', `/users/${userId}/faces`, form);
  assert.equal(enrolled.status, 201, 'enrollment from the live video: ' + JSON.stringify(enrolled.body));
}

// Enrolls the live video's person by invitation: the webcam page, several pictures over a few seconds.
async function enrollByWebcamInvitation(userId) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: fakeCameraArgs(LIVE_VIDEO) });
  try {
    await enrollByInvitation({ browser, baseUrl: BASE_URL, adminKey: ADMIN_KEY, userId, shots: SHOTS,
      displayName: 'Apfol' });
  } finally {
    await browser.close();
  }
}

// The genuine score of the newest hosted login that matched (the audit log; the page shows no score).
async function newestHostedMatchScore() {
  const audit = await api('GET', `/admin/audit?user=${USER}&action=verify`);
  const match = audit.body.items.find((e) => e.actor.startsWith('oidc:') && e.outcome === 'match');
  assert.ok(match, 'the genuine login is audited as a match');
  return match.score;
}

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
    await steps(page);
  } finally {
    await browser.close();
  }
}

// From the application to FaceAuth's login page, with the user id typed and the camera on.
async function openLoginPage(page, rp, shot) {
  await page.goto(rp.url + '/');
  await page.getByRole('link', { name: 'Log in with FaceAuth' }).click();
  await page.waitForURL(BASE_URL + '/login');
  await page.getByText('To continue to Demo application').waitFor();
  await page.getByLabel('Your user id').fill(USER);
  await page.getByRole('button', { name: 'Start camera' }).click();
  await page.getByRole('button', { name: 'Stop camera' }).waitFor();
  await page.waitForFunction(() => !/^Camera on/.test(document.getElementById('guidance').textContent));
  await page.screenshot({ path: `${SHOTS}/${shot}-login-page.png`, fullPage: true });
}

// One face check (the instruction shown is screenshot as `shot`); returns the decision shown.
async function check(page, button, shot) {
  await page.getByRole('button', { name: button }).click();
  await page.locator('#instruction').filter({ hasText: /\w/ }).waitFor({ timeout: 30000 });
  if (shot) {
    await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  }
  await page.locator('#decision p').waitFor({ timeout: 90000 });
  return {
    outcome: await page.locator('#decision').getAttribute('data-outcome'),
    text: await page.locator('#decision p').textContent(),
  };
}

async function backAtTheApplication(page, rp, expected) {
  await page.waitForURL((url) => url.href.startsWith(rp.url + '/callback'), { timeout: 30000 });
  await page.locator(`main[data-outcome="${expected}"]`).waitFor();
  return rp.logins.at(-1);
}

const stills = readdirSync(LIVE_STILLS).filter((name) => name.startsWith('still-')).sort()
  .map((name) => join(LIVE_STILLS, name));
assert.equal(stills.length, 3);
await enrollFromOneMoment({ userId: USER, stills });

const registered = await api('POST', '/admin/clients', {
  name: 'Demo application', type: 'confidential', scopes: ['openid'],
  redirectUris: [`http://127.0.0.1:${RP_PORT}/callback`],
});
assert.equal(registered.status, 201, JSON.stringify(registered.body));
assert.ok(registered.body.clientSecret, 'a confidential client gets its secret once');
const rp = await startRelyingParty({ nodeModules: NODE_MODULES, issuer: BASE_URL,
  clientId: registered.body.client.clientId, clientSecret: registered.body.clientSecret, port: Number(RP_PORT) });

const scores = {};
try {
  // The live person: recognised, back at the application with a code; the application's library validates the ID
  // token. Once with the enrollment from one moment, once with the invitation's.
  const liveLogin = async (shot) => withCamera(LIVE_VIDEO, async (page) => {
    await openLoginPage(page, rp, shot);
    let decision = await check(page, 'Log in with my face', `${shot}-checking`);
    // With the head-turn challenge the recording turns both ways again and again but cannot follow the random
    // instruction on cue; like a person, it may try again (each refusal counts for the lockout).
    for (let attempt = 2; CHALLENGE && decision.outcome === 'refused' && attempt <= 3; attempt++) {
      console.log(`${shot}: attempt ${attempt - 1} refused: ${decision.text}`);
      decision = await check(page, 'Try again');
    }
    await page.screenshot({ path: `${SHOTS}/${shot}-decision.png`, fullPage: true });
    assert.equal(decision.outcome, 'accepted', 'the live person logs in: ' + decision.text);
    assert.doesNotMatch(decision.text, /\d\.\d/, 'no score or threshold is shown');
    const login = await backAtTheApplication(page, rp, 'logged_in');
    await page.screenshot({ path: `${SHOTS}/${shot}-back-at-application-logged-in.png`, fullPage: true });
    assert.equal(login.claims.sub, USER);
    assert.deepEqual(login.claims.amr, CHALLENGE ? ['face', 'liveness', 'user'] : ['face', 'liveness']);
    assert.equal(login.claims.acr, CHALLENGE ? 'urn:faceauth:acr:face-liveness-challenge'
      : 'urn:faceauth:acr:face-liveness');
    assert.ok(Math.abs(login.claims.auth_time - Date.now() / 1000) < 120, 'auth_time is the login time');
  });
  await liveLogin('01-live-one-moment');
  scores.oneMoment = await newestHostedMatchScore();
  assert.equal((await api('DELETE', `/users/${USER}`)).status, 204, 'the one-moment enrollment is erased');
  await enrollByWebcamInvitation(USER);
  await liveLogin('01-live-invited');
  scores.invited = await newestHostedMatchScore();

  // Another person (photos of Bill Frist, one a second): refused each time, then access_denied at the application.
  await withCamera(OTHER_VIDEO, async (page) => {
    await openLoginPage(page, rp, '02-other-person');
    let decision = await check(page, 'Log in with my face');
    await page.screenshot({ path: `${SHOTS}/02-other-person-refused.png`, fullPage: true });
    for (let attempt = 2; decision.outcome === 'refused' && attempt <= 3; attempt++) {
      assert.match(decision.text, /^(Not recognised|Not live)/, decision.text);
      assert.doesNotMatch(decision.text, /\d\.\d/);
      decision = await check(page, 'Try again');
    }
    await page.screenshot({ path: `${SHOTS}/02-other-person-denied.png`, fullPage: true });
    assert.equal(decision.outcome, 'denied', 'three refusals end the login: ' + decision.text);
    const login = await backAtTheApplication(page, rp, 'access_denied');
    await page.screenshot({ path: `${SHOTS}/02-other-person-back-at-application-access-denied.png`, fullPage: true });
    assert.deepEqual(login, { error: 'access_denied' });
  });

  // The replay attack (the live video filmed on a phone): "Not live" first; the person cancels: access_denied.
  await withCamera(REPLAY_VIDEO, async (page) => {
    await openLoginPage(page, rp, '03-replay');
    const decision = await check(page, 'Log in with my face');
    await page.screenshot({ path: `${SHOTS}/03-replay-not-live.png`, fullPage: true });
    assert.equal(decision.outcome, 'refused', decision.text);
    assert.match(decision.text, /^Not live/, 'liveness is named first: ' + decision.text);
    await page.getByRole('button', { name: 'Cancel' }).click();
    const login = await backAtTheApplication(page, rp, 'access_denied');
    await page.screenshot({ path: `${SHOTS}/03-replay-back-at-application-access-denied.png`, fullPage: true });
    assert.deepEqual(login, { error: 'access_denied' });
  });
} finally {
  await rp.close();
}

// The margin of the genuine login before and after the invitation's enrollment, against the threshold (any
// verification reports it).
const probe = new FormData();
probe.append('userId', USER);
probe.append('image', new Blob([readFileSync(stills[0])], { type: 'image/jpeg' }), 'still.jpg');
const threshold = (await api('POST', '/auth/verify', probe)).body.threshold;
for (const [enrollment, score] of [['three stills of one moment', scores.oneMoment], ['invitation', scores.invited]]) {
  console.log(`genuine hosted login, enrolled from ${enrollment}: score ${score.toFixed(4)} against threshold ` +
    `${threshold} (margin ${(score - threshold).toFixed(4)})`);
}

// The API document's page: Authorize with the operator's key, then "Try it out" on listing users sends it.
{
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(BASE_URL + '/');
    await page.getByRole('heading', { name: 'Log in with FaceAuth' }).waitFor();
    assert.equal(await page.locator('input').count(), 0, 'the landing page asks for no key');
    await page.screenshot({ path: `${SHOTS}/04-landing-page.png`, fullPage: true });
    await page.getByRole('link', { name: 'API documentation' }).click();
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
    await page.screenshot({ path: `${SHOTS}/05-swagger-try-it-out.png`, fullPage: true });
    assert.equal((await status.textContent()).trim(), '200', 'Try it out sends the authorized key');
    assert.match(await listUsers.locator('.live-responses-table .response .response-col_description').first().textContent(),
      /apfol-web/);
  } finally {
    await browser.close();
  }
}

console.log('browser tests passed; screenshots in ' + SHOTS);
