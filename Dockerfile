# Production image: the app only. PostgreSQL is external (DATABASE_URL is required in production).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY seeds ./seeds
COPY scripts ./scripts
COPY bench ./bench
COPY test/support/spawned-app.ts ./test/support/spawned-app.ts
COPY public-portal ./public-portal
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node public-portal ./public-portal
# DATA_DIR: print-job PDFs (kept 7 days); mount a volume here when several instances serve downloads.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The same heap cap as `npm start`: V8 otherwise lets garbage grow to gigabytes before collecting it.
CMD ["node", "--max-old-space-size=512", "dist/src/main.js"]
