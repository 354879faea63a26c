import { ruleTester } from './rule-tester.js';

ruleTester('session-without-shared-store', {
    valid: [
        { name: 'a shared store is set', code: 'service users {\n  replicas: 2\n  auth: session { store: sessions }\n}\ncache sessions' },
        { name: 'a single instance needs no shared store', code: 'service users {\n  auth: session\n}' },
        { name: 'JWT instead of sessions', code: 'service users {\n  replicas: 3\n  auth: jwt { expiry: 15m }\n}' },
    ],
    invalid: [
        {
            name: 'replicated sessions without a store',
            code: 'service users {\n  replicas: 3\n  auth: session\n}',
            errors: [{ message: "The service 'users' keeps sessions on 3 instances without a shared session store; a session created on one instance is unknown to the others. Set store: to a cache or database.", severity: 'error', line: 3, text: 'auth: session' }],
        },
        {
            name: 'ha counts as scaled',
            code: 'service users {\n  ha: true\n  auth: session { ttl: 30m }\n}',
            errors: [{ message: /several instances/, severity: 'error' }],
        },
        {
            name: 'sticky sessions at the load balancer make it a warning',
            code: 'loadbalancer lb { sticky: true }\nservice users {\n  replicas: 2\n  auth: session\n}\nlb -> users : https',
            errors: [{ message: /relies on sticky sessions at 'lb'/, severity: 'warning', line: 4 }],
        },
        {
            name: 'the fix offers the stores of the model, the first preferred',
            code: 'service users {\n  replicas: 2\n  auth: session\n}\ndatabase db\ncache redis',
            errors: [{
                message: /without a shared session store/,
                fixes: [
                    { title: "Keep sessions in 'db'", output: 'service users {\n  replicas: 2\n  auth: session { store: db }\n}\ndatabase db\ncache redis' },
                    { title: "Keep sessions in 'redis'", output: 'service users {\n  replicas: 2\n  auth: session { store: redis }\n}\ndatabase db\ncache redis' },
                ],
            }],
            output: 'service users {\n  replicas: 2\n  auth: session { store: db }\n}\ndatabase db\ncache redis',
        },
        {
            name: 'the fix keeps sessions in an existing cache',
            code: 'service users {\n  replicas: 2\n  auth: session\n}\ncache redis',
            errors: [{ message: "The service 'users' keeps sessions on 2 instances without a shared session store; a session created on one instance is unknown to the others. Set store: to a cache or database." }],
            output: 'service users {\n  replicas: 2\n  auth: session { store: redis }\n}\ncache redis',
        },
        {
            name: 'the fix adds a session store when the model has none',
            code: 'service users {\n  replicas: 2\n  auth: session { ttl: 30m }\n}',
            errors: [{ message: "The service 'users' keeps sessions on 2 instances without a shared session store; a session created on one instance is unknown to the others. Set store: to a cache or database." }],
            output: 'service users {\n  replicas: 2\n  auth: session { ttl: 30m  store: sessions }\n}\ncache sessions "Session store" { replicas: 2 }',
        },
    ],
});

ruleTester('session-cookie-insecure', {
    valid: [
        { name: 'all cookie flags set over TLS', code: 'client web\nservice users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: strict } }\n}\ncache s\nweb -> users : https' },
        { name: 'service-to-service plaintext does not carry the cookie', code: 'client web\nservice a\nservice users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s\nweb -> a : https\na -> users : http' },
    ],
    invalid: [
        {
            name: 'no cookie flags',
            code: 'service users {\n  auth: session { store: s }\n}\ncache s',
            errors: [{ message: "The service 'users' uses session authentication, but its session cookie does not set secure, httpOnly, sameSite.", severity: 'warning', line: 2, text: 'auth: session { store: s }' }],
            output: 'service users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s',
        },
        {
            name: 'sameSite none is not enough',
            code: 'service users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: none } }\n}\ncache s',
            errors: [{ message: /does not set sameSite\./ }],
        },
        {
            name: 'a plaintext hop from the client through the gateway',
            code: 'client web\ngateway api {\n  route "/u" -> users\n}\nservice users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s\nweb -> api : http',
            errors: [{ message: /the cookie travels over plaintext \('web -> api : http'\)/, fixes: ['Carry the session cookie over TLS only'] }],
            output: 'client web\ngateway api {\n  route "/u" -> users\n}\nservice users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s\nweb -> api : https',
        },
        {
            name: 'missing flags and a plaintext hop: the fix sets both',
            code: 'client web\nservice users {\n  auth: session { store: s }\n}\ncache s\nweb -> users : ws',
            errors: [{ message: "The service 'users' uses session authentication, but its session cookie does not set secure, httpOnly, sameSite, and the cookie travels over plaintext ('web -> users : ws')." }],
            output: 'client web\nservice users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s\nweb -> users : wss',
        },
        {
            name: 'the fix replaces an incomplete cookie block',
            code: 'service users {\n  auth: session { store: s  cookie: { secure: true } }\n}\ncache s',
            errors: [{ message: "The service 'users' uses session authentication, but its session cookie does not set httpOnly, sameSite." }],
            output: 'service users {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s',
        },
    ],
});

ruleTester('jwt-missing-expiry', {
    valid: [
        { name: 'a short expiry', code: 'service api { auth: jwt { expiry: 15m } }' },
        { name: 'exactly the maximum', code: 'service api { auth: jwt { expiry: 1h } }' },
        { name: 'a longer maximum from the options', code: 'service api { auth: jwt { expiry: 2h } }', settings: { 'jwt-missing-expiry': { severity: 'error', options: { maxExpiry: '3h' } } } },
    ],
    invalid: [
        {
            name: 'no expiry',
            code: 'gateway api {\n  auth: jwt { revocation: denylist }\n}',
            errors: [{ message: "The gateway 'api' accepts JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m).", severity: 'error', line: 2, text: 'auth: jwt { revocation: denylist }' }],
        },
        {
            name: 'an expiry beyond the maximum',
            code: 'service api {\n  auth: jwt { expiry: 7d }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that live 7d, longer than the maximum of 1h.", severity: 'warning', text: 'expiry: 7d' }],
            output: 'service api {\n  auth: jwt { expiry: 15m }\n}',
        },
        {
            name: 'a stricter maximum from the options',
            code: 'service api {\n  auth: jwt { expiry: 30m }\n}',
            settings: { 'jwt-missing-expiry': { severity: 'error', options: { maxExpiry: '10m' } } },
            errors: [{ message: /longer than the maximum of 10m/, severity: 'warning', fixes: ['Set expiry: 10m'] }],
            output: 'service api {\n  auth: jwt { expiry: 10m }\n}',
        },
        {
            name: 'the fix inserts the expiry into the jwt block',
            code: 'service api {\n  auth: jwt { revocation: denylist }\n}',
            errors: [{ message: "The service 'api' accepts JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m)." }],
            output: 'service api {\n  auth: jwt { revocation: denylist  expiry: 15m }\n}',
        },
        {
            name: 'the fix gives a bare jwt mode a block',
            code: 'service api {\n  auth: jwt\n}',
            errors: [{ message: "The service 'api' accepts JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m)." }],
            output: 'service api {\n  auth: jwt { expiry: 15m }\n}',
        },
    ],
});

ruleTester('jwt-no-revocation-strategy', {
    valid: [
        { name: 'a denylist', code: 'service api { auth: jwt { expiry: 15m revocation: denylist } }' },
        { name: 'introspection', code: 'service api { auth: jwt { expiry: 1h revocation: introspection } }' },
        { name: 'rotating refresh tokens with a short expiry', code: 'service api { auth: jwt { expiry: 5m refresh: rotating } }' },
    ],
    invalid: [
        {
            name: 'nothing at all',
            code: 'service api {\n  auth: jwt { expiry: 15m }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of 15m or less.", severity: 'warning', line: 2, text: 'auth: jwt { expiry: 15m }' }],
        },
        {
            name: 'rotating refresh with a long expiry',
            code: 'service api {\n  auth: jwt { expiry: 1h refresh: rotating }\n}',
            errors: [{ line: 2 }],
        },
        {
            name: 'the fix inserts into a multi-line jwt block',
            code: 'service api {\n  auth: jwt {\n    expiry: 15m\n  }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of 15m or less." }],
            output: 'service api {\n  auth: jwt {\n    expiry: 15m\n    revocation: denylist\n  }\n}',
        },
    ],
});

ruleTester('jwt-without-issuer', {
    valid: [
        { name: 'an idp exists', code: 'service api { auth: jwt { expiry: 15m } }\nidp keycloak' },
        { name: 'an issuer is named', code: 'service api { auth: jwt { expiry: 15m issuer: auth0 } }\nexternal auth0' },
    ],
    invalid: [
        {
            name: 'no issuer anywhere',
            code: 'service api {\n  auth: jwt { expiry: 15m }\n}',
            errors: [{ message: "The service 'api' accepts JWTs, but the model has no identity provider and the jwt block names no issuer.", severity: 'warning', line: 2 }],
        },
    ],
});

ruleTester('jwt-insecure-client-storage', {
    valid: [
        { name: 'memory storage', code: 'client web { tokenStorage: memory }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https' },
        { name: 'a client of a session-protected service', code: 'client web { tokenStorage: localStorage }\nservice api { auth: session }\nweb -> api : https' },
        { name: 'a mobile app without tokenStorage', code: 'client app { platform: mobile }\nservice api { auth: jwt { expiry: 15m } }\napp -> api : https' },
    ],
    invalid: [
        {
            name: 'localStorage',
            code: 'client web { tokenStorage: localStorage }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https',
            errors: [{ message: "The client 'web' keeps the JWTs of 'api' in localStorage, where any script on the page can read them; use memory or an httpOnly cookie.", severity: 'warning', line: 1, text: 'tokenStorage: localStorage' }],
            output: 'client web { tokenStorage: memory }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https',
        },
        {
            name: 'sessionStorage behind a gateway',
            code: 'client web { tokenStorage: sessionStorage }\ngateway g {\n  auth: jwt { expiry: 15m }\n  route "/a" -> a\n}\nservice a\nweb -> g : https',
            errors: [{ message: /JWTs of 'g' in sessionStorage/ }],
        },
        {
            name: 'unset storage is an info',
            code: 'client web\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https',
            errors: [{ message: /does not say where it keeps tokens/, severity: 'info', text: 'web' }],
            output: 'client web { tokenStorage: memory }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https',
        },
    ],
});

ruleTester('missing-identity-propagation', {
    valid: [
        { name: 'identity forwarded', code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders { forwardIdentity: jwt }\n}\nservice orders' },
        { name: 'the service authenticates itself', code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders { auth: jwt { expiry: 15m } }' },
        { name: 'a gateway without auth', code: 'gateway g {\n  route "/o" -> orders\n}\nservice orders' },
        { name: 'a public service', code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/c" -> catalog\n}\nservice catalog { public: true }' },
    ],
    invalid: [
        {
            name: 'a route without forwardIdentity',
            code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders',
            errors: [{ message: "The gateway 'g' authenticates callers but forwards to 'orders' (the route '/o') without their identity; set forwardIdentity so 'orders' knows who is calling.", severity: 'warning', line: 3, text: 'route "/o" -> orders' }],
            output: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders { forwardIdentity: jwt }\n}\nservice orders',
        },
        {
            name: 'a plain connection with forwardIdentity false',
            code: 'gateway g { auth: oauth2 }\nservice orders\ng -> orders : https { forwardIdentity: false }',
            errors: [{ message: /\('g -> orders'\)/, line: 3 }],
        },
        {
            name: 'a connection from the gateway: the fix inserts into its block',
            code: 'gateway g { auth: oauth2 }\nservice orders\ng -> orders : https { timeout: 2s }',
            errors: [{ message: "The gateway 'g' authenticates callers but forwards to 'orders' ('g -> orders') without their identity; set forwardIdentity so 'orders' knows who is calling." }],
            output: 'gateway g { auth: oauth2 }\nservice orders\ng -> orders : https { timeout: 2s  forwardIdentity: jwt }',
        },
    ],
});
