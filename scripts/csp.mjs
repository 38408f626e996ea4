// The Content-Security-Policy of the web build and of the single file. Also
// usable as an HTTP header. `frame-ancestors` is left to the host: LMSs frame
// us (and a <meta> policy cannot set it anyway).
import { createHash } from 'node:crypto';

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Scripts and styles only from this origin, plus the inline ones hashed. */
export function policy(scriptHashes, styleHashes = []) {
  const hashes = (list) => list.map((h) => ` 'sha256-${h}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes(scriptHashes)} 'wasm-unsafe-eval'`,
    `style-src 'self'${hashes(styleHashes)}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}
