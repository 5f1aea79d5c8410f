import { randomBytes } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { generateApiKeySecret, hashApiKeySecret } from '#libs/auth/api-key-secret.js';
import { signSessionToken } from '#libs/auth/jwt.js';
import type { Principal } from '#libs/auth/principal.js';
import { Role } from '#libs/auth/roles.js';
import { isUuid } from '#libs/common/ids.js';
import { decodeKeyset, keysetCondition, keysetOrder, type Keyset } from '#libs/graphql/keyset.js';
import { checkPageSize, type Page, toPage } from '#libs/graphql/pagination.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from '#libs/common/errors.js';
import { IdentitySql, usersPage } from '#libs/sql/identity.sql.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import type { ApiKeyEntity } from '#apps/accreditation/identity/api-key.entity.js';
import type { UserEntity } from '#apps/accreditation/identity/user.entity.js';
import type { Language } from '#apps/accreditation/identity/language.js';
import { LoginThrottle } from '#apps/accreditation/identity/login-throttle.service.js';
import { hashPassword, passwordMatches } from '#apps/accreditation/identity/passwords.js';
import type {
  ApiKey,
  ApiKeyWithSecret,
  CreateApiKeyInput,
  CreateUserInput,
  LoginInput,
  Session,
  User,
} from '#apps/accreditation/identity/identity.types.js';

/** identity.users as the service reads it, in the entity's (checked) names. */
type UserRow = Omit<UserEntity, 'createdAt'>;

type ApiKeyRow = Omit<ApiKeyEntity, 'secretHash' | 'createdBy'>;

const toUser = (e: UserRow): User => ({
  id: e.id,
  email: e.email,
  roles: e.roles,
  organisationId: e.organisationId,
  disabled: e.disabledAt != null,
  preferredLanguage: e.preferredLanguage,
});

const toApiKey = (e: ApiKeyRow): ApiKey => ({
  id: e.id,
  name: e.name,
  scopes: e.scopes,
  organisationId: e.organisationId,
  createdAt: e.createdAt,
  revokedAt: e.revokedAt,
});

/** Users by email, ignoring case; the id breaks ties. */
const USERS_ORDER: Keyset = {
  columns: [
    { sql: 'lower(u.email)', kind: 'text' },
    { sql: 'u.id', kind: 'uuid' },
  ],
};

/** Users and API keys: the identity schema, in SQL like the rest of the service. */
@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AccreditationConfig,
    private readonly logger: PinoLogger,
    private readonly throttle: LoginThrottle,
  ) {}

  /** With no user at all, creates the first ADMIN so someone can sign in. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.userCount()) > 0) return;
    const generated = this.config.ADMIN_PASSWORD === undefined;
    const password = this.config.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
    // Every instance may try at once: the first to insert wins, the others see no row.
    const created = await this.dataSource.query<{ id: string }[]>(IdentitySql.users.insertFirst, [
      this.config.ADMIN_EMAIL,
      await hashPassword(password),
      [Role.ADMIN],
    ]);
    if (created.length === 0) return;
    this.logger.info({ email: this.config.ADMIN_EMAIL }, 'first ADMIN created');
    if (generated) {
      // Printed once, on the console only: it is never written to the structured logs.
      process.stderr.write(
        `\nFirst ADMIN: ${this.config.ADMIN_EMAIL}\nGenerated password (shown once): ${password}\n\n`,
      );
    }
  }

  async login(input: LoginInput, clientAddress: string | null): Promise<Session> {
    // The attempt is counted before the password is checked, so parallel guesses cannot slip past.
    await this.throttle.takeAttempt(input.email, clientAddress);
    const user = await this.userByEmail(input.email);
    // Hash even for an unknown email, so timing does not tell which emails exist.
    const ok = user
      ? await passwordMatches(user.passwordHash, input.password)
      : await passwordMatches(await this.dummyHash(), input.password);
    if (!user || !ok) throw new DomainError('UNAUTHENTICATED', 'Wrong email or password');
    // Told only to whoever knows the password, so it says nothing of which emails exist.
    if (user.disabledAt) throw new DomainError('UNAUTHENTICATED', 'This account is disabled');
    await this.throttle.recordSuccess(input.email, clientAddress);
    const { token, expiresAt } = await signSessionToken(
      user,
      this.config.JWT_SECRET,
      this.config.SESSION_TTL_HOURS * 3600,
    );
    return { token, expiresAt, user: toUser(user) };
  }

  private dummy?: Promise<string>;
  private dummyHash(): Promise<string> {
    this.dummy ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummy;
  }

  async createUser(input: CreateUserInput): Promise<User> {
    if (await this.userByEmail(input.email)) {
      throw new ConflictError(`A user with email ${input.email} already exists`);
    }
    const [created] = await this.dataSource.query<UserRow[]>(IdentitySql.users.insert, [
      input.email,
      await hashPassword(input.password),
      input.roles,
      input.organisationId ?? null,
    ]);
    return toUser(created);
  }

  /** Ends every session of the user: tokens of earlier epochs are refused from now on. */
  async logout(principal: Principal | null): Promise<boolean> {
    if (principal?.kind !== 'user') return false;
    await this.dataSource.query(IdentitySql.users.endSessions, [principal.id]);
    return true;
  }

  /** The caller's own language of the screens; only a user has one (an API key has no screens). */
  async setPreferredLanguage(principal: Principal | null, language: Language): Promise<User> {
    if (principal?.kind !== 'user')
      throw new ForbiddenError('Only a signed-in user has a language');
    await this.dataSource.query(IdentitySql.users.setPreferredLanguage, [principal.id, language]);
    return toUser(await this.userById(principal.id));
  }

  /** Disabled: cannot sign in, and every session ends (on the next request, on every service). */
  async disableUser(id: string, by: Principal | null): Promise<User> {
    if (by?.kind === 'user' && by.id === id) {
      throw new ConflictError('You cannot disable your own account');
    }
    await this.userById(id);
    await this.dataSource.query(IdentitySql.users.disable, [id]);
    return toUser(await this.userById(id));
  }

  /** Enabled again: the user may sign in; sessions ended by the disable stay ended. */
  async enableUser(id: string): Promise<User> {
    await this.userById(id);
    await this.dataSource.query(IdentitySql.users.enable, [id]);
    return toUser(await this.userById(id));
  }

  /** Every user, by email. */
  async list(first: number, after: string | null | undefined): Promise<Page<User>> {
    checkPageSize(first);
    const cursor = decodeKeyset(after, USERS_ORDER);
    const params: unknown[] = [first + 1];
    const keyset = cursor
      ? keysetCondition(USERS_ORDER, cursor, (v) => `$${params.push(v)}`)
      : null;
    const [rows, totalCount] = await Promise.all([
      this.dataSource.query<UserRow[]>(usersPage(keyset, keysetOrder(USERS_ORDER)), params),
      this.userCount(),
    ]);
    return toPage(rows, first, totalCount, (u) => [u.email.toLowerCase(), u.id], toUser);
  }

  /** Every API key, newest first. */
  async listApiKeys(): Promise<ApiKey[]> {
    const keys = await this.dataSource.query<ApiKeyRow[]>(IdentitySql.apiKeys.list);
    return keys.map(toApiKey);
  }

  private async userCount(): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(IdentitySql.users.count);
    return n;
  }

  private async userByEmail(email: string): Promise<UserRow | null> {
    const rows = await this.dataSource.query<UserRow[]>(IdentitySql.users.byEmail, [email]);
    return rows[0] ?? null;
  }

  private async findUser(id: string): Promise<UserRow | null> {
    if (!isUuid(id)) return null;
    const rows = await this.dataSource.query<UserRow[]>(IdentitySql.users.byId, [id]);
    return rows[0] ?? null;
  }

  private async userById(id: string): Promise<UserRow> {
    const user = await this.findUser(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async me(principal: Principal | null): Promise<User | null> {
    if (principal?.kind !== 'user') return null;
    const user = await this.findUser(principal.id);
    return user ? toUser(user) : null;
  }

  /** Who a principal is, as histories record it: a user's email or an API key's name. */
  async actorName(principal: Principal | null): Promise<string | null> {
    if (!principal) return null;
    if (principal.kind === 'apiKey') return principal.name;
    return (await this.findUser(principal.id))?.email ?? null;
  }

  async createApiKey(
    input: CreateApiKeyInput,
    createdBy: string | null,
  ): Promise<ApiKeyWithSecret> {
    const secret = generateApiKeySecret();
    const [created] = await this.dataSource.query<ApiKeyRow[]>(IdentitySql.apiKeys.insert, [
      input.name,
      hashApiKeySecret(secret),
      input.scopes,
      input.organisationId ?? null,
      createdBy,
    ]);
    return { apiKey: toApiKey(created), secret };
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    if (!isUuid(id)) throw new NotFoundError('API key', id);
    await this.dataSource.query(IdentitySql.apiKeys.revoke, [id]);
    const [key] = await this.dataSource.query<ApiKeyRow[]>(IdentitySql.apiKeys.byId, [id]);
    if (!key) throw new NotFoundError('API key', id);
    return toApiKey(key);
  }
}
