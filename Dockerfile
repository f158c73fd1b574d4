# syntax=docker/dockerfile:1
# The production image (issue 20): the compiled server, its production dependencies and the H5 build,
# run as the unprivileged `node` user. Build: docker build -t zlbg .   Run: README.md → Deploying.
#
# Contract with the build: `npm run build:server` writes dist/server/main.js, started with
# `node dist/server/main.js`; it bundles @zlbg/shared (TypeScript) and leaves npm packages to
# node_modules, which this image installs from the lockfile with production dependencies only.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: every dependency, then the server and the H5 build --------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN npm ci --no-audit --no-fund
COPY . .
# TARO_APP_API_BASE stays unset: the H5 build then calls its own origin, the server that serves it.
RUN npm run build:server && npm run build:h5

# ---- deps: the server's production dependencies only, no install scripts ------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY miniapp/package.json miniapp/
RUN npm ci --omit=dev --workspace server --ignore-scripts --no-audit --no-fund \
    && mkdir -p server/node_modules

# ---- runtime ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    H5_DIST=/app/h5 \
    FILES_DIR=/data/files
WORKDIR /app
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist/server ./dist/server
# Packages npm nested under server/ (a version only the server uses) resolve first, as in the source tree.
COPY --from=deps /src/server/node_modules ./dist/server/node_modules
COPY --from=build /src/miniapp/dist/h5 ./h5
RUN mkdir -p /data/files && chown node:node /data/files
# Backups written inside the container (README → Backups) land in a volume of their own.
RUN mkdir -p /data/backups && chown node:node /data/backups
USER node
VOLUME ["/data/files"]
VOLUME ["/data/backups"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
