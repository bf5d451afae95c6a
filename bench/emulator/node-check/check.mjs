// Usage: node check.mjs http://127.0.0.1:8089   (npm install first; see bench/emulator/README.md)
// Note: the Node client builds media upload URLs from the per-call rootUrl option only (a global rootUrl rewrites
// JSON calls but not uploads), so uploads pass { rootUrl } per call.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { drive } from '@googleapis/drive';
import { youtube } from '@googleapis/youtube';
import { OAuth2Client } from 'google-auth-library';

const base = process.argv[2] ?? 'http://127.0.0.1:8089';
const control = async (method, path, body) => {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  if (r.status >= 300) throw new Error(`${method} ${path} -> ${r.status} ${await r.text()}`);
  return r.json();
};
const reason = e => e.response?.data?.error?.errors?.[0]?.reason ?? e.errors?.[0]?.reason;
const check = async (name, fn) => {
  try { await fn(); console.log(`ok   ${name}`); } catch (e) { console.log(`FAIL ${name}: ${e.stack ?? e}`); process.exitCode = 1; }
};

const user = await control('POST', '/_emulator/users', { username: 'node' + Date.now() });
const seeded = await control('POST', '/_emulator/files', { owner: user.username,
  items: [{ name: 'Folder', files: { count: 7, size: 300000 } }] });
const auth = new OAuth2Client({ clientId: 'vidferry', clientSecret: 'vidferry-secret',
  endpoints: { oauth2TokenUrl: base + '/token' } });
auth.setCredentials({ refresh_token: user.refreshToken });
const d = drive({ version: 'v3', auth, rootUrl: base + '/' });
const yt = youtube({ version: 'v3', auth, rootUrl: base + '/' });

await check('drive files.list follows nextPageToken', async () => {
  await control('PUT', '/_emulator/drive/short-pages', { enabled: true });
  const names = [];
  let pageToken;
  do {
    const r = await d.files.list({ q: `'${seeded[0].id}' in parents and trashed = false`, pageSize: 3, pageToken,
      fields: 'nextPageToken, files(id, name, size, md5Checksum)' });
    names.push(...r.data.files.map(f => f.name));
    pageToken = r.data.nextPageToken;
  } while (pageToken);
  await control('PUT', '/_emulator/drive/short-pages', { enabled: false });
  assert.equal(names.length, 7);
});

await check('drive files.get without fields answers kind,id,name,mimeType', async () => {
  const r = await d.files.get({ fileId: seeded[1].id });
  assert.deepEqual(Object.keys(r.data).sort(), ['id', 'kind', 'mimeType', 'name']);
});

await check('drive media download stream matches md5Checksum', async () => {
  const meta = await d.files.get({ fileId: seeded[1].id, fields: 'md5Checksum,size' });
  const res = await d.files.get({ fileId: seeded[1].id, alt: 'media' }, { responseType: 'stream' });
  const md5 = createHash('md5');
  for await (const chunk of res.data) md5.update(chunk);
  assert.equal(md5.digest('hex'), meta.data.md5Checksum);
});

await check('drive 404 in Google error shape', async () => {
  await assert.rejects(d.files.get({ fileId: 'missing' }), e => e.status === 404 && reason(e) === 'notFound');
});

await check('youtube videos.insert (multipart) stores the bytes and videos.list finds it', async () => {
  const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
  const v = await yt.videos.insert({ part: ['snippet', 'status'], requestBody: {
    snippet: { title: 'From Node', description: 'x', tags: ['a', 'b c'], categoryId: '22' },
    status: { privacyStatus: 'private', selfDeclaredMadeForKids: false } },
    media: { mimeType: 'video/mp4', body: Readable.from([bytes]) } }, { rootUrl: base + '/' });
  const stored = (await control('GET', '/_emulator/videos')).find(x => x.id === v.data.id);
  assert.equal(stored.md5, createHash('md5').update(bytes).digest('hex'));
  const list = await yt.videos.list({ part: ['snippet', 'status'], id: [v.data.id] });
  assert.equal(list.data.items[0].snippet.title, 'From Node');
});

await check('youtube rejects an invalid title with invalidTitle', async () => {
  await assert.rejects(yt.videos.insert({ part: ['snippet'], requestBody: { snippet: { title: 'a<b' } },
    media: { mimeType: 'video/mp4', body: Readable.from([Buffer.alloc(10)]) } }, { rootUrl: base + '/' }),
  e => e.status === 400 && reason(e) === 'invalidTitle');
});

await check('token refresh answers invalid_grant after revoke', async () => {
  await control('POST', '/_emulator/tokens/revoke', { token: user.refreshToken });
  const fresh = new OAuth2Client({ clientId: 'vidferry', clientSecret: 'vidferry-secret',
    endpoints: { oauth2TokenUrl: base + '/token' } });
  fresh.setCredentials({ refresh_token: user.refreshToken });
  await assert.rejects(fresh.getAccessToken(), e => JSON.stringify(e.response?.data ?? e.message).includes('invalid_grant'));
});
