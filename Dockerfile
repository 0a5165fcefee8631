# LtcHub's image: the published app on the ASP.NET runtime, with the fonts its PDFs embed.
#   docker build -t ltchub .
#   docker run -p 8080:8080 -e Seed__AdminEmail=you@example.com -e Seed__AdminPassword='A-strong-pw1!' ltchub
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish LtcHub.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-droid-fallback curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD curl -fsS http://localhost:8080/health/live || exit 1
ENTRYPOINT ["dotnet", "LtcHub.Web.dll"]
