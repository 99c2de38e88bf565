// The hosted face-login page: user id, camera with live framing advice, the head-turn challenge, the decision in plain
// words, then back to the application. Talks only to /login/* with the session's CSRF token; no API key, no scores.
const $ = (id) => document.getElementById(id);
const video = $('video');
const guide = document.querySelector('.guide');
let csrf = null;
let stream = null;
let adviceTimer = null;
let busy = false;

async function call(path, { json, form } = {}) {
  const headers = { [csrf.header]: csrf.token };
  let body;
  if (json) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form;
  }
  const response = await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(answer.detail || 'Something went wrong; try again.');
  }
  return answer;
}

function frame(quality = 0.85) {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function say(text, kind) {
  const decision = $('decision');
  decision.replaceChildren();
  const p = document.createElement('p');
  p.textContent = text;
  if (kind) {
    p.className = kind;
    decision.dataset.outcome = kind;
  }
  decision.append(p);
}

function ready() {
  $('login').disabled = busy || !stream || $('user-id').value.trim() === '';
}

async function advise() {
  if (!stream || busy || video.videoWidth === 0) {
    return;
  }
  try {
    const form = new FormData();
    form.append('frame', await frame(0.7), 'frame.jpg');
    const guidance = await call('/login/frame', { form });
    if (stream && !busy) {
      $('guidance').textContent = guidance.advice;
      guide.classList.toggle('ready', guidance.ready);
    }
  } catch (e) {
    $('guidance').textContent = e.message;
  }
}

async function startCamera() {
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
  } catch (e) {
    $('guidance').textContent = 'The camera could not be started: allow this page to use it, then try again.';
    return;
  }
  video.srcObject = stream;
  $('camera').textContent = 'Stop camera';
  $('camera').setAttribute('aria-pressed', 'true');
  $('guidance').textContent = 'Camera on. Put your face inside the oval.';
  adviceTimer = setInterval(advise, 1000);
  ready();
}

function stopCamera() {
  clearInterval(adviceTimer);
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  video.srcObject = null;
  guide.classList.remove('ready');
  $('camera').textContent = 'Start camera';
  $('camera').setAttribute('aria-pressed', 'false');
  $('guidance').textContent = 'Camera off.';
  ready();
}

function leave(decision) {
  const link = $('continue');
  link.href = decision.continueTo;
  link.textContent = decision.outcome === 'accepted' ? 'Continue' : 'Return to the application';
  link.hidden = false;
  $('login').disabled = true;
  $('cancel').disabled = true;
  stopCamera();
  setTimeout(() => window.location.assign(decision.continueTo), 2500);
}

async function logIn() {
  busy = true;
  ready();
  $('decision').replaceChildren();
  delete $('decision').dataset.outcome;
  try {
    const capture = await call('/login/challenge', { json: { userId: $('user-id').value.trim() } });
    $('instruction').textContent = capture.instruction;
    $('guidance').textContent = 'Follow the instruction now.';
    await sleep(800);
    const form = new FormData();
    for (let i = 0; i < capture.frames; i++) {
      if (i > 0) {
        await sleep(capture.intervalMs);
      }
      form.append('frames', await frame(), `frame-${i}.jpg`);
    }
    $('instruction').textContent = '';
    $('guidance').textContent = 'Checking…';
    const decision = await call('/login/answer', { form });
    say(decision.message, decision.outcome);
    if (decision.continueTo) {
      leave(decision);
    } else {
      $('guidance').textContent = `You can try again (${decision.attemptsLeft} left).`;
      $('login').textContent = 'Try again';
    }
  } catch (e) {
    $('instruction').textContent = '';
    say(e.message, 'refused');
  } finally {
    busy = false;
    ready();
  }
}

async function cancel() {
  try {
    leave(await call('/login/cancel'));
  } catch (e) {
    say(e.message, 'refused');
  }
}

async function init() {
  const response = await fetch('/login/session', { credentials: 'same-origin' });
  const start = await response.json();
  csrf = { header: start.csrfHeader, token: start.csrfToken };
  if (!start.pending) {
    $('for-app').textContent = 'There is no login to finish here. Start from the application you want to use, '
      + 'with its "Log in with FaceAuth" button.';
    for (const id of ['user-id', 'camera', 'login', 'cancel']) {
      $(id).disabled = true;
    }
    return;
  }
  $('for-app').textContent = `To continue to ${start.application}, show your face.`;
  $('camera').addEventListener('click', () => (stream ? stopCamera() : startCamera()));
  $('user-id').addEventListener('input', ready);
  $('login').addEventListener('click', logIn);
  $('cancel').addEventListener('click', cancel);
  $('user-id').focus();
}

init();
