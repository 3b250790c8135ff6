/**
 * The Tessera command line. Reads TESSERA_URL (default http://localhost:3000) and TESSERA_TOKEN
 * (a bearer token from `tessera login` or an API token).
 *
 *   tessera login <email>                      (password from TESSERA_PASSWORD or stdin)
 *   tessera schema export <project> [--format yaml|json] [--out file]
 *   tessera schema import <project> <file>
 *   tessera schema plan <project>
 *   tessera schema publish <project> [--confirm id,id] [--yes]
 */
import { run } from './run';

process.exitCode = await run(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
