# isoplan: the REST service with its SQLite database on a volume at /data.
# Build stage: install everything, generate the Prisma Client (postinstall) and compile src/ to dist/
# (prepare), then drop the development dependencies.
FROM node:20-bookworm-slim AS build

# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: the compiled service only (bin/isoplan runs dist/: there are no sources to prefer).
FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prisma ./prisma
COPY data ./data

RUN mkdir -p /data && chown node:node /data
USER node
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=file:/data/isoplan.db
VOLUME ["/data"]
EXPOSE 8080
# Ready on the port the service listens on: the container's PORT (`docker run -e PORT=9000` moves both).
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/isoplan", "serve"]
