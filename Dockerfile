# syntax=docker/dockerfile:1
# Samsyn server image. Build: docker build -t samsyn .  Run: see docker-compose.yml.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
# .git stays out of the context, so the revision comes in as an argument:
#   docker compose build --build-arg SAMSYN_REVISION=$(git rev-parse HEAD)
ARG SAMSYN_VERSION=""
ARG SAMSYN_REVISION=""
# Pure Go (the embedded FerretDB uses a Go SQLite), so no cgo and no libc.
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath \
    -ldflags="-s -w -X main.linkedVersion=${SAMSYN_VERSION} -X main.linkedRevision=${SAMSYN_REVISION}" \
    -o /out/samsyn ./cmd/samsyn

FROM debian:bookworm-slim
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 samsyn \
    && useradd --system --uid 10001 --gid samsyn --home-dir /data --shell /usr/sbin/nologin samsyn \
    && mkdir /data \
    && chown samsyn:samsyn /data
COPY --from=build /out/samsyn /samsyn
ENV SAMSYN_ADDR=:8080 \
    SAMSYN_DATA_DIR=/data
VOLUME ["/data"]
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/samsyn"]
CMD ["serve"]
