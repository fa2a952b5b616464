#!/usr/bin/env bash
# The one command that runs CallRouter on embedded defaults: builds the all-in-one server
# and starts it with gRPC on 127.0.0.1:50051, metrics on http://127.0.0.1:8080/metrics,
# and its SQLite data in ./data. Extra arguments go to the server (e.g. --CallRouter:Server:GrpcPort=6000).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/CallRouter.Server/CallRouter.Server.csproj -c Release -nologo -v:q
dotnet build src/CallRouter.Cli/CallRouter.Cli.csproj -c Release -nologo -v:q
export CallRouter__Server__DataDirectory="${CallRouter__Server__DataDirectory:-$PWD/data}"
cd src/CallRouter.Server/bin/Release/net10.0
exec dotnet callrouter-server.dll "$@"
