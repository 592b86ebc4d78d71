import { ConfigError, loadConfig } from './app-config';

describe('loadConfig (validated once at boot)', () => {
  it('has working defaults: embedded database, port 3000, demo data off', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeNull();
    expect(c.port).toBe(3000);
    expect(c.demoData).toBe(false);
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
    expect(c.loginMaxFailures).toBe(5);
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it('parses the documented variables', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/vbcc',
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://vbcc.example.vn/',
      DEMO_DATA: '1',
      TOKEN_TTL_SECONDS: '600',
      BOOTSTRAP_ADMIN_PASSWORD: 'Long-enough-secret-42',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/vbcc',
      port: 8080,
      publicBaseUrl: 'https://vbcc.example.vn',
      demoData: true,
      tokenTtlSeconds: 600,
      bootstrapAdminPassword: 'Long-enough-secret-42',
    });
  });

  it('lists every bad variable at once and refuses to start', () => {
    let err: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        TOKEN_TTL_SECONDS: '5',
        LOG_LEVEL: 'loud',
        PUBLIC_BASE_URL: 'not a url',
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const vars = (err as ConfigError).problems.map((p) => p.split(':')[0]).sort();
    expect(vars).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'PUBLIC_BASE_URL', 'TOKEN_TTL_SECONDS']);
  });

  it('production needs a real database and a JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*DATABASE_URL/);
  });

  it('the bootstrap admin password must satisfy the password policy', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'admin-password' })).toThrow(
      /BOOTSTRAP_ADMIN_PASSWORD/,
    );
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'onlyletterslong' })).toThrow(/letters and digits/);
  });
});
