# syntax=docker/dockerfile:1
# Rapport: build on the current Node LTS (26; package.json engines: >=20.19), run as a non-root user.
# The image expects DATABASE_URL (an external PostgreSQL 15+); migrations run at start.
# /metrics labels only Rapport's own operation names (never a tenant's); set
# METRICS_TOKEN at run time to require "Authorization: Bearer <token>" (SECURITY.md).

FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/run-built.js scripts/build-dashboard.js ./scripts/
COPY src ./src
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev

FROM node:26-slim AS runtime
ENV NODE_ENV=production PORT=4000 \
    EMBEDDED_PG_DIR=/home/node/rapport/postgres
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/src/dashboard ./src/dashboard
COPY --chown=node:node package.json schema.graphql ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
