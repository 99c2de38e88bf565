// FaceAuth web page: camera capture, enrollment with live guidance, login with optional active challenge.
// Talks only to this server's /api/v1; the API key stays in this tab's sessionStorage.
'use strict';

const $ = (id) => document.getElementById(id);
const keyInput = $('api-key');
keyInput.value = sessionStorage.getItem('faceauth.key') || '';
keyInput.addEventListener('change', () => sessionStorage.setItem('faceauth.key', keyInput.value.trim()));

const MESSAGES = {
  NO_FACE: 'No face found. Face the camera in good, even light.',
  MULTIPLE_FACES: 'More than one face is visible. Make sure you are alone in the picture.',
  FACE_TOO_SMALL: 'Your face is too small. Move closer to the camera.',
  BLURRY: 'The picture is blurred. Hold still.',
  POSE_TOO_EXTREME: 'Look straight into the camera.',
  LOW_CONFIDENCE: 'Your face is hard to make out. Improve the light.',
  USER_LOCKED: 'Too many failed attempts: login for this user is locked for a while.',
  USER_NOT_FOUND: 'No such user is enrolled.',
  UNAUTHORIZED: 'The API key is missing or wrong.',
  FORBIDDEN: 'This API key may not do that (enrolling needs an admin key).',
  RATE_LIMITED: 'Too many requests; wait a moment.',
  OVERLOADED: 'The server is busy; try again in a second.',
  DUPLICATE_FACE: 'This face is already enrolled under another account.',
  ENROLLMENT_REJECTED: 'None of the photos was good enough; see below.',
  CHALLENGE_UNKNOWN: 'The challenge was already used; try again.',
  CHALLENGE_EXPIRED: 'The challenge expired; try again.',
  INVALID_USER_ID: 'User ids use letters, digits, ".", "_" or "-" (up to 64).',
  CONSENT_REQUIRED: 'Enrolling needs your consent: tick the consent box.',
  USER_DISABLED: 'This user is disabled; ask an operator.',
};
const OUTCOMES = {
  match: 'Welcome! Your face matches.',
  no_match: 'Refused: this face does not match the user.',
  spoof: 'Refused: this does not look like a live face (a photo or a screen?).',
  challenge_failed: 'Refused: the head movement was not seen. Follow the instruction and try again.',
  user_disabled: 'Refused: this user is disabled.',
};

let stream = null;

async function startCamera() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    $('video').srcObject = stream;
    await $('video').play();
    $('guidance').textContent = 'Camera on. Put your face inside the oval.';
    return true;
  } catch (e) {
    $('guidance').textContent = 'Cannot open the camera: ' + e.message;
    return false;
  }
}

function frame() {
  const video = $('video');
  const canvas = $('canvas');
  canvas.width = video.videoWidth || 640;
  canvas.height = video.videoHeight || 480;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.92));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function api(path, options = {}) {
  const headers = Object.assign({ 'X-API-Key': keyInput.value.trim() }, options.headers || {});
  const response = await fetch('/api/v1' + path, Object.assign({}, options, { headers }));
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  return { status: response.status, body };
}

function problemText(body) {
  if (!body) return 'Unexpected answer from the server.';
  return (MESSAGES[body.code] || body.detail || body.title) + ' (' + body.code + ')';
}

function show(target, cls, text) {
  const el = $(target);
  el.replaceChildren();
  const p = document.createElement('p');
  p.className = cls;
  p.textContent = text;
  el.appendChild(p);
  return el;
}

// Live guidance: ask the server what it sees before keeping a frame.
async function guidedFrame() {
  for (let attempt = 0; attempt < 8; attempt++) {
    const blob = await frame();
    const form = new FormData();
    form.append('image', blob, 'frame.jpg');
    const { status, body } = await api('/faces/detect', { method: 'POST', body: form });
    if (status !== 200) {
      $('guidance').textContent = problemText(body);
    } else if (body.faces.length === 0) {
      $('guidance').textContent = MESSAGES.NO_FACE;
    } else if (body.faces.length > 1) {
      $('guidance').textContent = MESSAGES.MULTIPLE_FACES;
    } else if (!body.faces[0].quality.acceptable) {
      $('guidance').textContent = MESSAGES[body.faces[0].quality.issues[0]] || 'Adjust your position.';
    } else {
      $('guidance').textContent = 'Good. Hold still…';
      return blob;
    }
    await sleep(400);
  }
  return frame();
}

async function ensureCamera() {
  return stream !== null || startCamera();
}

$('start-camera').addEventListener('click', startCamera);

$('enroll-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('enroll-button');
  button.disabled = true;
  try {
    if (!(await ensureCamera())) return;
    const userId = $('enroll-user').value.trim();
    const created = await api('/users', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        userId, displayName: $('enroll-name').value.trim() || null, consent: $('enroll-consent').checked,
      }),
    });
    if (created.status !== 201 && !(created.body && created.body.code === 'USER_EXISTS')) {
      show('enroll-result', 'fail', problemText(created.body));
      return;
    }
    const form = new FormData();
    for (let i = 0; i < 3; i++) {
      $('guidance').textContent = 'Photo ' + (i + 1) + ' of 3…';
      form.append('images', await guidedFrame(), 'enroll-' + i + '.jpg');
      await sleep(300);
    }
    const consent = $('enroll-consent').checked ? '?consent=true' : '';
    const path = '/users/' + encodeURIComponent(userId) + '/faces' + consent;
    const { status, body } = await api(path, { method: 'POST', body: form });
    const images = (body && body.images) || [];
    const result = status === 201
      ? show('enroll-result', 'ok', 'Enrolled ' + userId + ': ' + body.templatesAdded + ' photo(s) kept.')
      : show('enroll-result', 'fail', problemText(body));
    const list = document.createElement('ul');
    list.className = 'verdicts';
    images.forEach((v) => {
      const item = document.createElement('li');
      item.textContent = 'Photo ' + (v.index + 1) + ': ' + (v.accepted ? 'accepted' : 'refused — ' + v.advice.join(' '));
      list.appendChild(item);
    });
    result.appendChild(list);
    $('guidance').textContent = 'Done.';
  } finally {
    button.disabled = false;
  }
});

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('login-button');
  button.disabled = true;
  try {
    if (!(await ensureCamera())) return;
    const userId = $('login-user').value.trim();
    const form = new FormData();
    form.append('userId', userId);
    if ($('login-challenge').checked) {
      const challenge = await api('/auth/challenge', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId }),
      });
      if (challenge.status !== 200) {
        show('login-result', 'fail', problemText(challenge.body));
        return;
      }
      const prompt = $('challenge-prompt');
      prompt.textContent = challenge.body.prompt;
      prompt.hidden = false;
      form.append('nonce', challenge.body.nonce);
      // About three seconds of frames: time to turn and come back.
      for (let i = 0; i < 10; i++) {
        form.append('frames', await frame(), 'frame-' + i + '.jpg');
        await sleep(300);
      }
      prompt.hidden = true;
    } else {
      form.append('image', await guidedFrame(), 'login.jpg');
    }
    const { status, body } = await api('/auth/verify', { method: 'POST', body: form });
    if (status !== 200) {
      show('login-result', 'fail', problemText(body));
      return;
    }
    // Scores come only with a match: a refused attempt does not tell how close it came.
    const text = (OUTCOMES[body.outcome] || body.outcome)
      + (body.score != null ? ' Score ' + body.score + ' (threshold ' + body.threshold + ')' : '')
      + (body.liveness ? ', liveness' + (body.liveness.score != null ? ' ' + body.liveness.score : '')
        + (body.liveness.live ? ' (live)' : ' (not live)') + ' — checks: ' + body.liveness.checks.join(', ') : '');
    const result = show('login-result', body.match ? 'ok' : 'fail', text);
    result.dataset.outcome = body.outcome;
    if (body.token) {
      const claims = JSON.parse(atob(body.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      const pre = document.createElement('pre');
      pre.textContent = 'Token claims: ' + JSON.stringify(claims, null, 2);
      result.appendChild(pre);
    }
  } finally {
    button.disabled = false;
  }
});
