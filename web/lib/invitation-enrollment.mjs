// Enrollment by invitation in a real browser, for any end-to-end test: an admin makes the invitation over the API,
// then the invited person opens the link in a fresh browser context (the browser must have been launched with a fake
// camera: --use-fake-device-for-media-stream --use-file-for-fake-video-capture=VIDEO), reads and accepts the consent
// text, starts the camera and lets the page take its pictures. No API key ever reaches the page.
import assert from 'node:assert/strict';

/** Chromium's arguments for a headless run whose camera plays `video` (a .y4m file). */
export function fakeCameraArgs(video) {
  return [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
  ];
}

/** Makes an invitation through the admin API; returns the API's answer ({ invitation, url }). */
export async function createInvitation({ baseUrl, adminKey, userId, displayName, expiresInMinutes }) {
  const body = { userId };
  if (displayName) body.displayName = displayName;
  if (expiresInMinutes) body.expiresInMinutes = expiresInMinutes;
  const response = await fetch(baseUrl + '/api/v1/admin/invitations', {
    method: 'POST',
    headers: { 'X-API-Key': adminKey, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  assert.equal(response.status, 201, 'invitation created: ' + JSON.stringify(answer));
  return answer;
}

/** The invitation's link, served by `baseUrl` (the link's host is the server's public URL, which may differ). */
export function localLink(baseUrl, url) {
  const link = new URL(url);
  return baseUrl + link.pathname + link.hash;
}

/** Opens `url` in a new phone-sized context of `browser` with camera permission; returns { context, page }. */
export async function openInvitation(browser, baseUrl, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, permissions: ['camera'] });
  const page = await context.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(localLink(baseUrl, url));
  await page.locator('#who').filter({ hasNotText: 'Reading your invitation' }).waitFor({ timeout: 30000 });
  return { context, page };
}

/**
 * Invites `userId`, opens the link in a new context of `browser` (launched with a fake camera), consents, starts the
 * camera, enrolls, asserts success and saves screenshots under `shots` (prefix `invitation-`). Returns
 * { invitation, url, text, capturedWithinMs }: the invitation as the API made it, its link (used up now), the page's
 * result, and the milliseconds from the camera's start to the last picture (the fake camera's video plays from its
 * start when the camera starts, so later parts of the video were not used).
 */
export async function enrollByInvitation({ browser, baseUrl, adminKey, userId, shots, displayName }) {
  const { invitation, url } = await createInvitation({ baseUrl, adminKey, userId, displayName });
  const { context, page } = await openInvitation(browser, baseUrl, url);
  try {
    assert.match(await page.locator('#who').textContent(), new RegExp('enroll your face as .*' + userId));
    assert.equal(new URL(page.url()).hash, '', 'the secret leaves the address bar');
    await page.screenshot({ path: `${shots}/invitation-01-opened.png`, fullPage: true });
    await page.getByLabel('I have read this and I agree.').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await page.locator('#consent-status').filter({ hasText: 'Thank you' }).waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.locator('#advice').filter({ hasText: 'Camera on' }).waitFor({ timeout: 30000 });
    const cameraOn = Date.now();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: `${shots}/invitation-02-camera-on.png`, fullPage: true });
    // The last picture is taken when the page says "Enrolling…"; that prompt can be gone before it is seen (a fast
    // enrollment), and then the result's arrival bounds the capture time from above.
    const captured = Promise.race([
      page.locator('#prompt').filter({ hasText: 'Enrolling' }).waitFor({ timeout: 120000 }),
      page.locator('#result p').waitFor({ timeout: 120000 }),
    ]).then(() => Date.now() - cameraOn);
    await page.getByRole('button', { name: 'Take pictures and enroll' }).click();
    await page.locator('#prompt').filter({ hasText: /turn your head/ }).waitFor({ timeout: 30000 });
    await page.screenshot({ path: `${shots}/invitation-03-head-movement.png`, fullPage: true });
    const result = page.locator('#result p');
    await result.waitFor({ timeout: 120000 });
    await page.screenshot({ path: `${shots}/invitation-04-result.png`, fullPage: true });
    const text = await result.textContent();
    assert.equal(await result.getAttribute('id'), 'result-ok', 'enrolled by invitation: ' + text);
    assert.match(text, new RegExp('enrolled as ' + userId));
    return { invitation, url, text, capturedWithinMs: await captured };
  } finally {
    await context.close();
  }
}
