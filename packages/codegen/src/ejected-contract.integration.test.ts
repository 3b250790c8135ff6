/**
 * The ejected NestJS + Prisma service passes the data API's contract: the same suite the
 * runtime passes, against the service built from the contract model, on a database it migrated.
 * The service is not ejected once but regenerated: first ejected from an earlier model (no
 * customer email, one more entity), edited as a developer would (a route of their own, a line
 * in a generated file, the README), then regenerated with the contract model. It must build,
 * keep those edits and pass. What the generated service does not do yet is listed, and each of
 * those tests must still fail.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { CONTRACT_MODEL, defineContractSuite } from '@tessera/contract';

import { startEjectedService } from './test/ejected-service';

/** The contract model as it was before: no customer email, and a coupon entity since dropped. */
const EARLIER_MODEL = {
  ...CONTRACT_MODEL,
  entities: [
    ...CONTRACT_MODEL.entities.map((e) =>
      e.code === 'customer' ? { ...e, fields: e.fields.filter((f) => f.code !== 'email') } : e,
    ),
    { code: 'coupon', fields: [{ code: 'code', type: 'string', length: 20 }] },
  ],
};

const MY_ROUTE = `
  @Get('-/hello')
  hello() {
    return { status: 0, msg: '', data: { hello: 'from the developer' } };
  }
}
`;

/** What the developer changed: their controller, a generated schema file, the README. */
async function developerEdits(dir: string) {
  const controller = path.join(dir, 'src/customer/customer.controller.ts');
  const text = await readFile(controller, 'utf8');
  await writeFile(
    controller,
    text
      .replace(
        "import { Controller } from '@nestjs/common';",
        "import { Controller, Get } from '@nestjs/common';",
      )
      .replace(/\n}\n$/, `\n${MY_ROUTE}`),
  );
  const schemas = path.join(dir, 'src/customer/base/customer.schemas.ts');
  const lines = (await readFile(schemas, 'utf8')).split('\n');
  lines.splice(1, 0, '// Reviewed by the team.');
  await writeFile(schemas, lines.join('\n'));
  await writeFile(
    path.join(dir, 'README.md'),
    `${await readFile(path.join(dir, 'README.md'), 'utf8')}\n## Our notes\n`,
  );
}

defineContractSuite(
  'ejected nestjs-prisma (regenerated)',
  async () => {
    const service = await startEjectedService(CONTRACT_MODEL, {
      regeneratedFrom: { model: EARLIER_MODEL, edit: developerEdits },
    });
    const kept = [
      await fetch(`${service.base}/api/v1/shop/customer/-/hello`, {
        headers: { authorization: `Bearer ${service.adminToken}` },
      }).then(async (r) => `${r.status} ${await r.text()}`),
      await readFile(path.join(service.dir, 'src/customer/base/customer.schemas.ts'), 'utf8'),
      await readFile(path.join(service.dir, 'README.md'), 'utf8'),
    ];
    if (
      !kept[0]!.startsWith('200') ||
      !kept[0]!.includes('from the developer') ||
      !kept[1]!.includes('// Reviewed by the team.') ||
      !kept[1]!.includes('email') ||
      !kept[2]!.includes('## Our notes')
    ) {
      await service.stop();
      throw new Error(
        `The regenerated service lost an edit or the model change: ${kept.join('\n---\n').slice(0, 2000)}`,
      );
    }
    return {
      base: service.base,
      admin: service.adminToken,
      reader: service.viewerToken,
      stranger: service.outsiderToken,
      restricted: service.restrictedToken,
      setRateLimit: service.setRateLimit,
      holdDatabase: service.holdDatabase,
      stop: service.stop,
    };
  },
  {
    startTimeoutMs: 240_000,
    pending: [],
  },
);
