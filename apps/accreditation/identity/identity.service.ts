import { randomBytes } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { PinoLogger } from 'nestjs-pino';
import { IsNull, type Repository } from 'typeorm';
import { generateApiKeySecret, hashApiKeySecret } from '#libs/auth/api-key-secret.js';
import { signSessionToken } from '#libs/auth/jwt.js';
import type { Principal } from '#libs/auth/principal.js';
import { Role } from '#libs/auth/roles.js';
import { isUuid } from '#libs/common/ids.js';
import { decodeKeyset, keysetCondition, keysetOrder, type Keyset } from '#libs/graphql/keyset.js';
import { checkPageSize, type Page, toPage } from '#libs/graphql/pagination.js';
import { ConflictError, DomainError, NotFoundError } from '#libs/common/errors.js';
import { AccreditationConfig } from '#apps/accreditation/accreditation.config.js';
import { ApiKeyEntity } from '#apps/accreditation/identity/api-key.entity.js';
import { UserEntity } from '#apps/accreditation/identity/user.entity.js';
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

const toUser = (e: UserEntity): User => ({
  id: e.id,
  email: e.email,
  roles: e.roles,
  organisationId: e.organisationId,
  disabled: e.disabledAt != null,
});

const toApiKey = (e: ApiKeyEntity): ApiKey => ({
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

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(ApiKeyEntity) private readonly apiKeys: Repository<ApiKeyEntity>,
    private readonly config: AccreditationConfig,
    private readonly logger: PinoLogger,
    private readonly throttle: LoginThrottle,
  ) {}

  /** With no user at all, creates the first ADMIN so someone can sign in. */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.users.count()) > 0) return;
    const generated = this.config.ADMIN_PASSWORD === undefined;
    const password = this.config.ADMIN_PASSWORD ?? randomBytes(18).toString('base64url');
    const created = await this.users
      .createQueryBuilder()
      .insert()
      .values({
        email: this.config.ADMIN_EMAIL,
        passwordHash: await hashPassword(password),
        roles: [Role.ADMIN],
      })
      .orIgnore()
      .execute();
    if (created.identifiers.length === 0) return;
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
    const user = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: input.email })
      .getOne();
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
    const existing = await this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = lower(:email)', { email: input.email })
      .getExists();
    if (existing) throw new ConflictError(`A user with email ${input.email} already exists`);
    const saved = await this.users.save(
      this.users.create({
        email: input.email,
        passwordHash: await hashPassword(input.password),
        roles: input.roles,
        organisationId: input.organisationId ?? null,
      }),
    );
    return toUser(saved);
  }

  /** Ends every session of the user: tokens of earlier epochs are refused from now on. */
  async logout(principal: Principal | null): Promise<boolean> {
    if (principal?.kind !== 'user') return false;
    await this.users.increment({ id: principal.id }, 'sessionEpoch', 1);
    return true;
  }

  /** Disabled: cannot sign in, and every session ends (on the next request, on every service). */
  async disableUser(id: string, by: Principal | null): Promise<User> {
    if (by?.kind === 'user' && by.id === id) {
      throw new ConflictError('You cannot disable your own account');
    }
    const user = await this.userById(id);
    if (!user.disabledAt) {
      await this.users
        .createQueryBuilder()
        .update()
        .set({ disabledAt: () => 'now()', sessionEpoch: () => 'session_epoch + 1' })
        .where('id = :id AND disabled_at IS NULL', { id })
        .execute();
    }
    return toUser(await this.userById(id));
  }

  /** Enabled again: the user may sign in; sessions ended by the disable stay ended. */
  async enableUser(id: string): Promise<User> {
    await this.userById(id);
    await this.users.update({ id }, { disabledAt: null });
    return toUser(await this.userById(id));
  }

  /** Every user, by email. */
  async list(first: number, after: string | null | undefined): Promise<Page<User>> {
    checkPageSize(first);
    const cursor = decodeKeyset(after, USERS_ORDER);
    const query = this.users
      .createQueryBuilder('u')
      .orderBy(keysetOrder(USERS_ORDER))
      .limit(first + 1);
    if (cursor) {
      const values: Record<string, unknown> = {};
      const bind = (value: unknown) => {
        const name = `key${Object.keys(values).length}`;
        values[name] = value;
        return `:${name}`;
      };
      query.where(keysetCondition(USERS_ORDER, cursor, bind), values);
    }
    const [rows, totalCount] = await Promise.all([query.getMany(), this.users.count()]);
    return toPage(rows, first, totalCount, (u) => [u.email.toLowerCase(), u.id], toUser);
  }

  /** Every API key, newest first. */
  async listApiKeys(): Promise<ApiKey[]> {
    const keys = await this.apiKeys.find({ order: { createdAt: 'DESC', id: 'ASC' } });
    return keys.map(toApiKey);
  }

  private async userById(id: string): Promise<UserEntity> {
    const user = isUuid(id) ? await this.users.findOneBy({ id }) : null;
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  async me(principal: Principal | null): Promise<User | null> {
    if (principal?.kind !== 'user') return null;
    const user = await this.users.findOneBy({ id: principal.id });
    return user ? toUser(user) : null;
  }

  /** Who a principal is, as histories record it: a user's email or an API key's name. */
  async actorName(principal: Principal | null): Promise<string | null> {
    if (!principal) return null;
    if (principal.kind === 'apiKey') return principal.name;
    const user = await this.users.findOne({ where: { id: principal.id }, select: { email: true } });
    return user?.email ?? null;
  }

  async createApiKey(
    input: CreateApiKeyInput,
    createdBy: string | null,
  ): Promise<ApiKeyWithSecret> {
    const secret = generateApiKeySecret();
    const saved = await this.apiKeys.save(
      this.apiKeys.create({
        name: input.name,
        secretHash: hashApiKeySecret(secret),
        scopes: input.scopes,
        organisationId: input.organisationId ?? null,
        createdBy,
      }),
    );
    return { apiKey: toApiKey(saved), secret };
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    if (!isUuid(id)) throw new NotFoundError('API key', id);
    await this.apiKeys.update({ id, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
    const key = await this.apiKeys.findOneBy({ id });
    if (!key) throw new NotFoundError('API key', id);
    return toApiKey(key);
  }
}
