import type { Problem } from '../../../shared/problem.ts';

/**
 * The one place the client talks HTTP to the REST API. Every failure becomes an
 * `ApiError` carrying the problem's stable `code`, which the UI maps to a translated
 * message; the server's English title is kept only as a fallback for unknown codes.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The first server message about `field`, if the server named it. */
  fieldError(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

const BASE = '/api/v1';

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && typeof (body as Problem).code === 'string';
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(BASE + path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (isProblem(data)) throw new ApiError(response.status, data.code, data.title, data.errors ?? []);
    throw new ApiError(response.status, response.status >= 500 ? 'internal' : 'unknown', response.statusText);
  }
  return data as T;
}
