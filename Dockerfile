# syntax=docker/dockerfile:1
# The CcWallboard host. Build:  docker build -t ccwallboard .
# Run with Redis:              docker compose up   (see compose.yaml)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across code changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CcWallboard.Core/CcWallboard.Core.csproj src/CcWallboard.Core/
COPY src/CcWallboard.Adapters/CcWallboard.Adapters.csproj src/CcWallboard.Adapters/
COPY src/CcWallboard.Host/CcWallboard.Host.csproj src/CcWallboard.Host/
COPY wallboard-web/wallboard-web.targets wallboard-web/
RUN dotnet restore src/CcWallboard.Host/CcWallboard.Host.csproj
COPY config/ config/
COPY wallboard-web/ wallboard-web/
COPY src/ src/
# The publish also restores the client libraries of wallboard-web/libman.json from the npm registry.
RUN dotnet publish src/CcWallboard.Host/CcWallboard.Host.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
COPY --from=build /app ./
ENV Urls=http://+:8080 \
    LogFormat=json
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "CcWallboard.Host.dll"]
