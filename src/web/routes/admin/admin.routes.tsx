/**
 * The administration pages (administrators only): accounts, roles, organisations and partners'
 * access to conventions. Each form posts to a route that calls one use case; a French error shows
 * the form again beside its field, having changed nothing. Passwords are shown once, never put in a URL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { OrganisationKind } from '../../../domain/access/access.js';
import { AppError, isAppError } from '../../../domain/shared/app-error.js';
import { generatePassword } from '../../../use-cases/auth/secrets.js';
import { createOrganisation } from '../../../use-cases/organisations/create-organisation.js';
import { getOrganisation } from '../../../use-cases/organisations/get-organisation.js';
import { grantConventionAccess } from '../../../use-cases/organisations/grant-convention-access.js';
import { listOrganisations } from '../../../use-cases/organisations/list-organisations.js';
import { revokeConventionAccess } from '../../../use-cases/organisations/revoke-convention-access.js';
import { anonymiseUser } from '../../../use-cases/users/anonymise-user.js';
import { changeUserRoles } from '../../../use-cases/users/change-user-roles.js';
import { countRoles } from '../../../use-cases/users/count-roles.js';
import { createUser } from '../../../use-cases/users/create-user.js';
import { disableUser } from '../../../use-cases/users/disable-user.js';
import { enableUser } from '../../../use-cases/users/enable-user.js';
import { getUser } from '../../../use-cases/users/get-user.js';
import { listUsers } from '../../../use-cases/users/list-users.js';
import { resetPassword } from '../../../use-cases/users/reset-password.js';
import { sendPage } from '../../render.js';
import { contextOf, pageContext } from '../../request-context.js';
import {
  ACCOUNT_FIELD_LABELS,
  AccountPage,
  AccountsPage,
  AdminHomePage,
  AnonymiseConfirmPage,
  NewAccountPage,
  PasswordShownPage,
  RolesPage,
} from './accounts-pages.js';
import { type FormErrors, formErrors } from './admin-components.js';
import {
  CREATABLE_KINDS,
  ORGANISATION_FIELD_LABELS,
  OrganisationPage,
  OrganisationsPage,
} from './organisations-pages.js';

const idParams = z.object({ id: z.string().min(1).max(100) });
const accessParams = z.object({ id: z.string().min(1).max(100), conventionId: z.string().min(1).max(100) });
const noticeQuery = z.object({ fait: z.string().max(40).optional() });
/** A form body: strings, or a list of strings for repeated fields (the roles' checkboxes). */
const formBody = z
  .record(z.string(), z.union([z.string().max(2000), z.array(z.string().max(200)).max(20)]))
  .optional();

type Body = z.infer<typeof formBody>;

function field(body: Body, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

function list(body: Body, name: string): string[] {
  const value = body?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const NOTICES: Record<string, string> = {
  desactive: 'Le compte est désactivé : il ne peut plus se connecter et ses sessions sont fermées.',
  reactive: 'Le compte est réactivé.',
  roles: 'Les rôles du compte sont enregistrés.',
  anonymise: 'La personne est anonymisée : son nom et son adresse sont effacés de la plateforme.',
  cree: 'L’organisme est créé.',
  ouvert: 'L’accès à la convention est ouvert : les comptes de l’organisme la voient dès maintenant.',
  retire: 'L’accès à la convention est retiré.',
};

function notice(request: FastifyRequest): { notice?: string } {
  const key = (request.query as { fait?: string } | undefined)?.fait ?? '';
  const text = NOTICES[key];
  return text ? { notice: text } : {};
}

/** Runs a form's use case; a French error (not 404 nor 403) shows the form again with it. */
async function orShow(
  work: () => Promise<FastifyReply>,
  fields: readonly string[],
  show: (errors: FormErrors, status: number) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  try {
    return await work();
  } catch (error) {
    if (!isAppError(error) || error.status >= 500 || error.status === 404 || error.status === 403)
      throw error;
    return show(formErrors(error, fields), error.status);
  }
}

export async function adminRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get('/admin', { schema: { hide: true } }, async (request, reply) => {
    contextOf(request);
    return sendPage(reply, <AdminHomePage ctx={pageContext(request, reply)} />);
  });

  // ─── Accounts ───────────────────────────────────────────────────────────────────────────────

  app.get('/admin/comptes', { schema: { hide: true, querystring: noticeQuery } }, async (request, reply) => {
    const accounts = await listUsers(contextOf(request));
    return sendPage(
      reply,
      <AccountsPage ctx={pageContext(request, reply)} accounts={accounts} {...notice(request)} />,
    );
  });

  async function showNewAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { displayName: string; email: string; organisationId: string; roles: string[] },
    errors?: FormErrors,
    status = 200,
  ) {
    const organisations = await listOrganisations(contextOf(request));
    return sendPage(
      reply,
      <NewAccountPage
        ctx={pageContext(request, reply)}
        organisations={organisations}
        values={values}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  app.get(
    '/admin/comptes/nouveau',
    { schema: { hide: true, querystring: z.object({ organisme: z.string().max(100).optional() }) } },
    async (request, reply) =>
      showNewAccount(request, reply, {
        displayName: '',
        email: '',
        organisationId: request.query.organisme ?? '',
        roles: [],
      }),
  );

  app.post('/admin/comptes', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const ctx = contextOf(request);
    const values = {
      displayName: field(request.body, 'displayName'),
      email: field(request.body, 'email'),
      organisationId: field(request.body, 'organisationId'),
      roles: list(request.body, 'roles'),
    };
    const password = generatePassword();
    return orShow(
      async () => {
        const created = await createUser(ctx, { ...values, password, roles: values.roles as never[] });
        return sendPage(
          reply,
          <PasswordShownPage
            ctx={pageContext(request, reply)}
            account={{ id: created.id, displayName: values.displayName.trim(), email: created.email }}
            password={password}
            created
          />,
          201,
        );
      },
      Object.keys(ACCOUNT_FIELD_LABELS),
      (errors, status) => showNewAccount(request, reply, values, errors, status),
    );
  });

  async function showAccount(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: FormErrors,
    status = 200,
  ) {
    const account = await getUser(contextOf(request), id);
    return sendPage(
      reply,
      <AccountPage
        ctx={pageContext(request, reply)}
        account={account}
        {...notice(request)}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  app.get(
    '/admin/comptes/:id',
    { schema: { hide: true, params: idParams, querystring: noticeQuery } },
    async (request, reply) => showAccount(request, reply, request.params.id),
  );

  app.post(
    '/admin/comptes/:id/roles',
    { schema: { hide: true, params: idParams, body: formBody } },
    async (request, reply) => {
      const { id } = request.params;
      return orShow(
        async () => {
          await changeUserRoles(contextOf(request), { userId: id, roles: list(request.body, 'roles') });
          return reply.redirect(`/admin/comptes/${id}?fait=roles`, 303);
        },
        ['roles'],
        (errors, status) => showAccount(request, reply, id, errors, status),
      );
    },
  );

  for (const [path, work, done] of [
    ['desactivation', disableUser, 'desactive'],
    ['reactivation', enableUser, 'reactive'],
  ] as const) {
    app.post(
      `/admin/comptes/:id/${path}`,
      { schema: { hide: true, params: idParams, body: formBody } },
      async (request, reply) => {
        const { id } = request.params;
        return orShow(
          async () => {
            await work(contextOf(request), { userId: id });
            return reply.redirect(`/admin/comptes/${id}?fait=${done}`, 303);
          },
          [],
          (errors, status) => showAccount(request, reply, id, errors, status),
        );
      },
    );
  }

  app.post(
    '/admin/comptes/:id/mot-de-passe',
    { schema: { hide: true, params: idParams, body: formBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { id } = request.params;
      return orShow(
        async () => {
          const account = await getUser(ctx, id);
          const password = generatePassword();
          await resetPassword(ctx, { email: account.email, password });
          return sendPage(
            reply,
            <PasswordShownPage
              ctx={pageContext(request, reply)}
              account={account}
              password={password}
              created={false}
            />,
          );
        },
        [],
        (errors, status) => showAccount(request, reply, id, errors, status),
      );
    },
  );

  app.get(
    '/admin/comptes/:id/anonymisation',
    { schema: { hide: true, params: idParams } },
    async (request, reply) => {
      const account = await getUser(contextOf(request), request.params.id);
      if (account.anonymisedAt) return reply.redirect(`/admin/comptes/${account.id}`, 303);
      return sendPage(reply, <AnonymiseConfirmPage ctx={pageContext(request, reply)} account={account} />);
    },
  );

  app.post(
    '/admin/comptes/:id/anonymisation',
    { schema: { hide: true, params: idParams, body: formBody } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const { id } = request.params;
      const show = async (errors: FormErrors, status: number) =>
        sendPage(
          reply,
          <AnonymiseConfirmPage
            ctx={pageContext(request, reply)}
            account={await getUser(ctx, id)}
            errors={errors}
          />,
          status,
        );
      return orShow(
        async () => {
          if (field(request.body, 'confirmation') !== 'oui') {
            const message = 'Cochez la case pour confirmer l’anonymisation définitive.';
            throw new AppError('VALIDATION_FAILED', {
              message,
              details: [{ field: 'confirmation', message }],
            });
          }
          await anonymiseUser(ctx, { userId: id });
          return reply.redirect('/admin/comptes?fait=anonymise', 303);
        },
        ['confirmation'],
        show,
      );
    },
  );

  app.get('/admin/roles', { schema: { hide: true } }, async (request, reply) => {
    const counts = await countRoles(contextOf(request));
    return sendPage(reply, <RolesPage ctx={pageContext(request, reply)} counts={counts} />);
  });

  // ─── Organisations and partners' access ─────────────────────────────────────────────────────

  async function showOrganisations(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { kind: string; territoryCode: string; name: string },
    errors?: FormErrors,
    status = 200,
  ) {
    const organisations = await listOrganisations(contextOf(request));
    return sendPage(
      reply,
      <OrganisationsPage
        ctx={pageContext(request, reply)}
        organisations={organisations}
        values={values}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  app.get(
    '/admin/organismes',
    {
      schema: {
        hide: true,
        querystring: z.object({
          nature: z.string().max(20).optional(),
          territoire: z.string().max(20).optional(),
        }),
      },
    },
    async (request, reply) =>
      showOrganisations(request, reply, {
        kind: request.query.nature ?? 'caf',
        territoryCode: request.query.territoire ?? '',
        name: '',
      }),
  );

  app.post('/admin/organismes', { schema: { hide: true, body: formBody } }, async (request, reply) => {
    const values = {
      kind: field(request.body, 'kind'),
      territoryCode: field(request.body, 'territoryCode').trim(),
      name: field(request.body, 'name'),
    };
    return orShow(
      async () => {
        if (!(CREATABLE_KINDS as string[]).includes(values.kind)) {
          const message = 'Choisissez la nature de l’organisme dans la liste.';
          throw new AppError('VALIDATION_FAILED', { message, details: [{ field: 'kind', message }] });
        }
        const org = await createOrganisation(contextOf(request), {
          kind: values.kind as OrganisationKind,
          name: values.name,
          territoryCode: values.territoryCode || null,
        });
        return reply.redirect(`/admin/organismes/${org.id}?fait=cree`, 303);
      },
      Object.keys(ORGANISATION_FIELD_LABELS),
      (errors, status) => showOrganisations(request, reply, values, errors, status),
    );
  });

  async function showOrganisation(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors?: FormErrors,
    status = 200,
  ) {
    const view = await getOrganisation(contextOf(request), id);
    return sendPage(
      reply,
      <OrganisationPage
        ctx={pageContext(request, reply)}
        {...view}
        {...notice(request)}
        {...(errors ? { errors } : {})}
      />,
      status,
    );
  }

  app.get(
    '/admin/organismes/:id',
    { schema: { hide: true, params: idParams, querystring: noticeQuery } },
    async (request, reply) => showOrganisation(request, reply, request.params.id),
  );

  app.post(
    '/admin/organismes/:id/acces',
    { schema: { hide: true, params: idParams, body: formBody } },
    async (request, reply) => {
      const { id } = request.params;
      return orShow(
        async () => {
          await grantConventionAccess(contextOf(request), {
            organisationId: id,
            conventionId: field(request.body, 'conventionId'),
          });
          return reply.redirect(`/admin/organismes/${id}?fait=ouvert`, 303);
        },
        ['conventionId'],
        (errors, status) => showOrganisation(request, reply, id, errors, status),
      );
    },
  );

  app.post(
    '/admin/organismes/:id/acces/:conventionId/retrait',
    { schema: { hide: true, params: accessParams, body: formBody } },
    async (request, reply) => {
      const { id, conventionId } = request.params;
      await revokeConventionAccess(contextOf(request), { organisationId: id, conventionId });
      return reply.redirect(`/admin/organismes/${id}?fait=retire`, 303);
    },
  );
}
