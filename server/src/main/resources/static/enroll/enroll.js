// FaceAuth enrollment page: opened from an invitation link (/enroll#<secret>). Every call carries the invitation's
// secret (Authorization: Invitation ...), never an API key. The secret lives in this tab only (sessionStorage) and is
// taken out of the address bar at once.
'use strict';

const $ = (id) => document.getElementById(id);
const STORE = 'faceauth.invitation';
const FRAMES = 5;
const STEP_MS = 1500;
const GAP_MS = 800;
const TOTAL_MS = 30000;
const MOVED = 0.06;
const DARK = 45;

if (location.hash.length > 1) {
  sessionStorage.setItem(STORE, decodeURIComponent(location.hash.slice(1)));
  history.replaceState(null, '', location.pathname);
}
const secret = sessionStorage.getItem(STORE) || '';

const MESSAGES = {
  UNAUTHORIZED: 'This invitation link is not valid. Ask the person who invited you for a new one.',
  CONSENT_REQUIRED: 'Please read the consent text and accept it first.',
  ENROLLMENT_REJECTED: 'None of the pictures was good enough. Check the light and try again.',
  DUPLICATE_FACE: 'This face is already enrolled under another account. Please contact the person who invited you.',
  RATE_LIMITED: 'Too many attempts in a short time. Wait a minute and try again.',
  OVERLOADED: 'The service is busy. Try again in a moment.',
};

const STEPS = [
  { prompt: 'Look straight at the camera.', moves: false },
  { prompt: 'Now turn your head slightly to one side…', moves: true },
  { prompt: '…and slightly to the other side.', moves: true },
  { prompt: 'Tilt your head slightly up.', moves: true },
  { prompt: 'Look straight at the camera again.', moves: false },
];

let stream = null;
let consented = false;
let busy = false;

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Invitation ' + secret }, options.headers || {});
  const response = await fetch('/api/v1/invitation' + path, Object.assign({}, options, { headers }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  return { status: response.status, body };
}

function postJson(path, value) {
  return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) });
}

function problemText(body) {
  if (!body) return 'Something went wrong. Try again in a moment.';
  return MESSAGES[body.code] || body.detail || 'Something went wrong. Try again in a moment.';
}

function showResult(ok, text) {
  $('result-section').hidden = false;
  const p = document.createElement('p');
  p.className = ok ? 'ok' : 'fail';
  p.id = ok ? 'result-ok' : 'result-fail';
  p.textContent = text;
  $('result').replaceChildren(p);
}

function refuse(body) {
  $('who').textContent = 'This invitation cannot be used.';
  $('consent-section').hidden = true;
  $('camera-section').hidden = true;
  stopCamera();
  showResult(false, problemText(body));
}

async function load() {
  if (!secret) {
    refuse({ code: 'UNAUTHORIZED' });
    return;
  }
  const { status, body } = await api('');
  if (status !== 200) {
    refuse(body);
    return;
  }
  const name = body.displayName ? body.displayName + ' (' + body.userId + ')' : body.userId;
  const until = new Date(body.expiresAt).toLocaleString();
  $('who').textContent = 'You are invited to enroll your face as ' + name + '. This link works once, until '
      + until + '.' + (body.replacesExisting
        ? ' A face is already enrolled for this account: yours will replace it.' : '');
  $('consent-text').textContent = body.consentText;
  $('consent-section').hidden = false;
  $('camera-section').hidden = false;
  $('progress').max = FRAMES;
  if (body.consented) {
    consented = true;
    $('consent').checked = true;
    $('consent-status').textContent = 'You have accepted this.';
  }
  updateButtons();
}

$('consent-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!$('consent').checked) {
    $('consent-status').textContent = MESSAGES.CONSENT_REQUIRED;
    return;
  }
  $('consent-button').disabled = true;
  const { status, body } = await postJson('/consent', { consent: true });
  $('consent-button').disabled = false;
  if (status !== 200) {
    if (body && String(body.code).startsWith('INVITATION_')) refuse(body);
    else $('consent-status').textContent = problemText(body);
    return;
  }
  consented = true;
  $('consent-status').textContent = 'Thank you. Now start the camera.';
  updateButtons();
  $('camera-button').focus();
});

$('consent').addEventListener('change', () => {
  if (!$('consent').checked) consented = false;
  updateButtons();
});

function updateButtons() {
  $('enroll-button').disabled = busy || !consented || stream === null;
  $('camera-button').disabled = busy;
}

async function startCamera() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    $('video').srcObject = stream;
    await $('video').play();
    $('advice').textContent = 'Camera on. Put your face inside the oval.';
    $('camera-button').textContent = 'Stop camera';
    $('camera-button').setAttribute('aria-pressed', 'true');
  } catch (e) {
    stream = null;
    $('advice').textContent = 'The camera could not be opened (' + e.name + '). Allow this page to use it.';
  }
  updateButtons();
}

function stopCamera() {
  if (stream) stream.getTracks().forEach((track) => track.stop());
  stream = null;
  $('video').srcObject = null;
  $('advice').textContent = 'Camera off.';
  $('camera-button').textContent = 'Start camera';
  $('camera-button').setAttribute('aria-pressed', 'false');
  updateButtons();
}

$('camera-button').addEventListener('click', () => (stream ? stopCamera() : startCamera()));

// One frame as a JPEG data URL, and its mean brightness (0..255) for the "too dark" advice.
function grab() {
  const video = $('video');
  const canvas = $('canvas');
  canvas.width = video.videoWidth || 640;
  canvas.height = video.videoHeight || 480;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(video, 0, 0, canvas.width, canvas.height);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < pixels.length; i += 4 * 16) {
    sum += 0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2];
    count++;
  }
  return { image: canvas.toDataURL('image/jpeg', 0.9), brightness: sum / count };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Live advice, announced politely: written only when it changes, so a screen reader is not flooded.
function advise(text) {
  if ($('advice').textContent !== text) $('advice').textContent = text;
}

// Takes FRAMES pictures, one per step and at least GAP_MS apart (so they span a few seconds), each accepted by the
// server's quality gate; a step that asks for a movement waits (up to STEP_MS) for the head to move from where it was
// in the first picture.
async function capture() {
  const frames = [];
  let base = null;
  const end = Date.now() + TOTAL_MS;
  for (const step of STEPS) {
    $('prompt').textContent = step.prompt;
    const start = Date.now();
    for (;;) {
      if (stream === null) return null;
      if (Date.now() > end) return frames;
      const shot = grab();
      if (shot.brightness < DARK) {
        advise('It is too dark. Turn on a light or face a window.');
        await sleep(300);
        continue;
      }
      const { status, body } = await postJson('/check', { image: shot.image });
      if (status !== 200) {
        if (body && String(body.code).startsWith('INVITATION_')) {
          refuse(body);
          return null;
        }
        advise(problemText(body));
        await sleep(status === 429 ? 2000 : 400);
        continue;
      }
      if (!body.accepted) {
        advise(body.advice[0] || 'Adjust your position.');
        await sleep(250);
        continue;
      }
      const moved = base === null
          || Math.abs(body.turn - base.turn) >= MOVED || Math.abs(body.tilt - base.tilt) >= MOVED;
      if (Date.now() - start < GAP_MS || (step.moves && !moved && Date.now() - start < STEP_MS)) {
        advise(step.moves && !moved ? 'Good. A little more…' : 'Good. Hold still…');
        await sleep(150);
        continue;
      }
      if (base === null) base = body;
      frames.push(shot.image);
      $('progress').value = frames.length;
      $('progress').textContent = frames.length + ' of ' + FRAMES;
      advise('Good. Picture ' + frames.length + ' of ' + FRAMES + ' taken.');
      break;
    }
  }
  return frames;
}

$('enroll-button').addEventListener('click', async () => {
  busy = true;
  updateButtons();
  $('result-section').hidden = true;
  $('progress').value = 0;
  try {
    const frames = await capture();
    if (frames === null) return;
    if (frames.length < 3) {
      $('prompt').textContent = '';
      showResult(false, 'Not enough good pictures were taken. ' + $('advice').textContent + ' Then try again.');
      return;
    }
    $('prompt').textContent = 'Enrolling…';
    const { status, body } = await postJson('/enroll', { consent: consented, frames });
    $('prompt').textContent = '';
    if (status === 201) {
      stopCamera();
      sessionStorage.removeItem(STORE);
      $('consent-section').hidden = true;
      $('camera-section').hidden = true;
      $('who').textContent = 'Your invitation has been used.';
      showResult(true, 'Done. Your face is enrolled as ' + body.userId + ', from ' + body.templatesStored
          + ' pictures. You can close this page.');
    } else if (body && String(body.code).startsWith('INVITATION_')) {
      refuse(body);
    } else {
      showResult(false, problemText(body));
    }
  } finally {
    busy = false;
    updateButtons();
  }
});

load();
