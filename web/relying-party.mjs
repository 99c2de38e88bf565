// A small relying-party web application for the end-to-end test, built on a standard OpenID Connect client library
// (openid-client 5, from npm): discovery from FaceAuth's issuer, authorization code flow with PKCE, state and nonce,
// and the ID token checked by the library (ES256 signature against the issuer's JWKS, iss, aud, exp, nonce). It
// never sees a face or an API key. Each finished login (validated claims or the error) is recorded for the test.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

/**
 * Starts the application on 127.0.0.1:port as client clientId (a confidential client) of the issuer.
 * Returns { url, logins, close }: logins is the list of finished logins, newest last: { claims } or { error }.
 */
export async function startRelyingParty({ nodeModules, issuer: issuerUrl, clientId, clientSecret, port }) {
  const { Issuer, generators } = createRequire(nodeModules + '/')('openid-client');
  const issuer = await Issuer.discover(issuerUrl);
  const url = `http://127.0.0.1:${port}`;
  const redirectUri = `${url}/callback`;
  const client = new issuer.Client({
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
  });
  const pending = new Map();
  const logins = [];

  const page = (title, body, outcome) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${title}</title></head><body><h1>Demo application</h1><main data-outcome="${outcome}">${body}</main></body></html>`;
  const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

  const server = createServer(async (request, response) => {
    const send = (status, html, headers = {}) => {
      response.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', ...headers });
      response.end(html);
    };
    try {
      const path = new URL(request.url, url).pathname;
      if (path === '/') {
        send(200, page('Demo application', '<a id="login" href="/login">Log in with FaceAuth</a>', 'start'));
      } else if (path === '/login') {
        const state = generators.state();
        const nonce = generators.nonce();
        const verifier = generators.codeVerifier();
        pending.set(state, { nonce, verifier });
        send(302, '', { Location: client.authorizationUrl({
          scope: 'openid', state, nonce,
          code_challenge: generators.codeChallenge(verifier), code_challenge_method: 'S256',
        }) });
      } else if (path === '/callback') {
        const params = client.callbackParams(request);
        const checks = pending.get(params.state);
        pending.delete(params.state);
        if (!checks) {
          throw new Error('unknown state');
        }
        if (params.error) {
          logins.push({ error: params.error });
          send(200, page('Not logged in', `<p id="result">Not logged in: ${escape(params.error)}</p>`,
            params.error));
          return;
        }
        const tokens = await client.callback(redirectUri, params,
          { state: params.state, nonce: checks.nonce, code_verifier: checks.verifier });
        const claims = tokens.claims();
        logins.push({ claims });
        console.log('relying party: ID token validated by openid-client:', JSON.stringify(claims));
        send(200, page('Logged in', `<p id="result">Logged in as ${escape(claims.sub)}</p>`
          + `<pre id="claims">${escape(JSON.stringify(claims, null, 2))}</pre>`, 'logged_in'));
      } else {
        send(404, page('Not found', '<p>Not found</p>', 'not_found'));
      }
    } catch (e) {
      logins.push({ error: 'relying_party_error: ' + e.message });
      send(500, page('Error', `<p id="result">Error: ${escape(e.message)}</p>`, 'error'));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url, logins, close: () => new Promise((resolve) => server.close(resolve)) };
}
