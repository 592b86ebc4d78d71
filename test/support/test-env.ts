/** Names shared by the global setup (parent process) and the test files (workers), via process.env. */
export const ENV = {
  serverUrl: 'VBCC_TEST_SERVER_URL',
  templateEmpty: 'VBCC_TEST_TEMPLATE_EMPTY',
  templateDemo: 'VBCC_TEST_TEMPLATE_DEMO',
  runId: 'VBCC_TEST_RUN_ID',
  embeddedDir: 'VBCC_TEST_EMBEDDED_DIR',
} as const;

export const TEST_JWT_SECRET = 'test-only-secret-0123456789abcdef0123456789';

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
