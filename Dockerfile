# Shangliang: build the jar, then run it as a non-root user on a JRE.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
COPY .mvn .mvn
RUN mvn -B -q dependency:go-offline
COPY src src
COPY config config
COPY intents intents
RUN mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true

FROM eclipse-temurin:25-jre
RUN useradd --system --create-home --home-dir /app shangliang \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/shangliang.jar /app/shangliang.jar
COPY config /app/config
COPY intents /app/intents
RUN mkdir -p /app/data && chown -R shangliang /app
USER shangliang
ENV PORT=7070 SHANGLIANG_DATA=/app/data
EXPOSE 7070
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD curl -fsS http://127.0.0.1:7070/ready || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/shangliang.jar"]
CMD ["serve"]
