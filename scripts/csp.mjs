// The Content-Security-Policy of the web build and of the single file. Also
// usable as an HTTP header. `frame-ancestors` is left to the host: LMSs frame
// us (and a <meta> policy cannot set it anyway).
import { createHash } from 'node:crypto';

export const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('base64');

/** Scripts and styles only from this origin, plus the inline ones hashed.
 *  `workerSources` replaces 'self' for workers (the single file starts its
 *  import checker from a Blob, as file:// cannot start worker files). */
export function policy(scriptHashes, styleHashes = [], workerSources = "'self'") {
  const hashes = (list) => list.map((h) => ` 'sha256-${h}'`).join('');
  return [
    "default-src 'self'",
    `script-src 'self'${hashes(scriptHashes)} 'wasm-unsafe-eval'`,
    `style-src 'self'${hashes(styleHashes)}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    `worker-src ${workerSources}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}
