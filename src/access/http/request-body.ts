import { ErrorCodes } from '../../errors/codes.js';
import { HttpError, invalidRequest } from './http-error.js';

/**
 * Reads a JSON body of at most `maxBytes` octets, stopping as soon as it grows past the bound
 * (a missing or lying Content-Length changes nothing). 413 when too large, 400 when not JSON.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new HttpError(413, ErrorCodes.HTTP_BODY_TOO_LARGE, `the request body is larger than ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge();
  const type = request.headers.get('content-type') ?? '';
  if (request.body === null) throw invalidRequest('this route needs a JSON body');
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) throw invalidRequest(`the body must be JSON (Content-Type: application/json), got '${type.slice(0, 100)}'`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidRequest(`the body is not valid JSON: ${(error as Error).message}`);
  }
}
