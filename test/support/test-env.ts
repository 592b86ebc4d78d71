/** Names shared by the global setup (parent process) and the test files (workers), via process.env. */
export const ENV = {
  serverUrl: 'VBCC_TEST_SERVER_URL',
  templateEmpty: 'VBCC_TEST_TEMPLATE_EMPTY',
  templateDemo: 'VBCC_TEST_TEMPLATE_DEMO',
  runId: 'VBCC_TEST_RUN_ID',
  embeddedDir: 'VBCC_TEST_EMBEDDED_DIR',
} as const;

export const TEST_JWT_SECRET = 'test-only-secret-0123456789abcdef0123456789';
export const TEST_KEY_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString('base64');

/** The environment every in-process test app starts from (no file under ./data is ever written). */
export const TEST_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: TEST_JWT_SECRET,
  KEY_ENCRYPTION_KEY: TEST_KEY_ENCRYPTION_KEY,
  LOG_INTEGRATE_INTERVAL_MS: '0',
};

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
