/** Keys whose values never reach a log line: secrets, and the personal data the registry holds. */
const SENSITIVE = new Set(
  [
    'password',
    'newPassword',
    'currentPassword',
    'token',
    'accessToken',
    'authorization',
    'apiKey',
    'x-api-key',
    'secret',
    'jwtSecret',
    'cookie',
    'fullName',
    'dateOfBirth',
    'placeOfBirth',
    'personalIdNumber',
    'receiverPersonalIdNumber',
    'requesterPersonalIdNumber',
    'passportNumber',
    'phone',
    'email',
    'address',
  ].map((k) => k.toLowerCase()),
);

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SENSITIVE.has(k.toLowerCase()) ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}
