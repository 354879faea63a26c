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
        { name: 'a DNS lookup does not carry the cookie', code: 'client browser\ndns afdDns\ncdn frontDoor { origin: web }\nservice web {\n  auth: session { store: s  cookie: { secure: true httpOnly: true sameSite: lax } }\n}\ncache s\nbrowser -> afdDns : dns\nafdDns -> frontDoor : dns\nbrowser -> frontDoor : https\nfrontDoor -> web : https' },
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
        { name: 'a long expiry is jwt-expiry-too-long', code: 'service api { auth: jwt { expiry: 7d } }' },
        { name: 'the expiry comes from the issuer\'s token policy', code: 'idp kc {\n  issues: jwt { expiry: 15m  revocation: denylist }\n}\nservice api {\n  auth: jwt { issuer: kc }\n}' },
        { name: 'an issuer without a policy of its own does not count', code: 'idp kc\nservice api {\n  auth: jwt { issuer: kc  expiry: 15m }\n}' },
    ],
    invalid: [
        {
            name: 'no expiry',
            code: 'gateway api {\n  auth: jwt { revocation: denylist }\n}',
            errors: [{ message: "The gateway 'api' accepts JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m).", severity: 'error', line: 2, text: 'auth: jwt { revocation: denylist }' }],
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
        {
            name: 'a token policy without expiry at the identity provider is reported once, there',
            code: 'idp kc {\n  issues: jwt { revocation: denylist }\n}\nservice a {\n  auth: jwt { issuer: kc }\n}\nservice b {\n  auth: jwt { issuer: kc }\n}',
            errors: [{ message: "The identity provider 'kc' issues JWTs without an expiry; a stolen token stays valid forever. Set expiry: (e.g. 15m).", severity: 'error', line: 2, text: 'issues: jwt { revocation: denylist }' }],
            output: 'idp kc {\n  issues: jwt { revocation: denylist  expiry: 15m }\n}\nservice a {\n  auth: jwt { issuer: kc }\n}\nservice b {\n  auth: jwt { issuer: kc }\n}',
        },
    ],
});

ruleTester('jwt-expiry-too-long', {
    valid: [
        { name: 'a short expiry', code: 'service api { auth: jwt { expiry: 15m } }' },
        { name: 'exactly the maximum', code: 'service api { auth: jwt { expiry: 1h } }' },
        { name: 'no expiry is jwt-missing-expiry', code: 'service api { auth: jwt }' },
        { name: 'a longer maximum from the options', code: 'service api { auth: jwt { expiry: 2h } }', settings: { 'jwt-expiry-too-long': { severity: 'warning', options: { maxExpiry: '3h' } } } },
        { name: 'a longer maximum given to jwt-missing-expiry, as before the split', code: 'service api { auth: jwt { expiry: 2h } }', settings: { 'jwt-missing-expiry': { severity: 'error', options: { maxExpiry: '3h' } } } },
        { name: 'a service overriding a long policy with a short expiry', code: 'idp kc {\n  issues: jwt { expiry: 15m }\n}\nservice api {\n  auth: jwt { issuer: kc  expiry: 10m }\n}' },
    ],
    invalid: [
        {
            name: 'an expiry beyond the maximum',
            code: 'service api {\n  auth: jwt { expiry: 7d }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that live 7d, longer than the maximum of 1h.", severity: 'warning', line: 2, text: 'expiry: 7d' }],
            output: 'service api {\n  auth: jwt { expiry: 15m }\n}',
        },
        {
            name: 'a stricter maximum from the options',
            code: 'service api {\n  auth: jwt { expiry: 30m }\n}',
            settings: { 'jwt-expiry-too-long': { severity: 'warning', options: { maxExpiry: '10m' } } },
            errors: [{ message: /longer than the maximum of 10m/, severity: 'warning', fixes: ['Set expiry: 10m'] }],
            output: 'service api {\n  auth: jwt { expiry: 10m }\n}',
        },
        {
            name: 'a long expiry in the identity provider\'s policy is reported once, there, not on the services that trust it',
            code: 'idp identity {\n  issues: jwt { expiry: 2h }\n}\nservice basket {\n  auth: jwt { issuer: identity }\n}\nservice ordering {\n  auth: jwt { issuer: identity }\n}',
            errors: [{ message: "The identity provider 'identity' issues JWTs that live 2h, longer than the maximum of 1h.", severity: 'warning', line: 2, text: 'expiry: 2h' }],
            output: 'idp identity {\n  issues: jwt { expiry: 15m }\n}\nservice basket {\n  auth: jwt { issuer: identity }\n}\nservice ordering {\n  auth: jwt { issuer: identity }\n}',
        },
        {
            name: 'a service that sets a longer expiry than its issuer is reported itself',
            code: 'idp kc {\n  issues: jwt { expiry: 15m }\n}\nservice api {\n  auth: jwt { issuer: kc  expiry: 1d }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that live 1d, longer than the maximum of 1h.", line: 5, text: 'expiry: 1d' }],
        },
    ],
});

ruleTester('jwt-no-revocation-strategy', {
    valid: [
        { name: 'a denylist', code: 'service api { auth: jwt { expiry: 15m revocation: denylist } }' },
        { name: 'introspection', code: 'service api { auth: jwt { expiry: 1h revocation: introspection } }' },
        { name: 'rotating refresh tokens with a short expiry', code: 'service api { auth: jwt { expiry: 5m refresh: rotating } }' },
        { name: 'revocation from the issuer\'s token policy', code: 'idp kc {\n  issues: jwt { expiry: 15m  revocation: denylist }\n}\nservice api {\n  auth: jwt { issuer: kc }\n}' },
        { name: 'a short expiry of its own with the issuer\'s rotating refresh', code: 'idp kc {\n  issues: jwt { expiry: 10m  refresh: rotating }\n}\nservice api {\n  auth: jwt { issuer: kc  expiry: 5m }\n}' },
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
        {
            name: 'the identity provider\'s policy is reported once, there, for every service that trusts it',
            code: 'idp identity {\n  issues: jwt { expiry: 15m }\n}\nservice basket {\n  auth: jwt { issuer: identity }\n}\nservice ordering {\n  auth: jwt { issuer: identity  audience: "orders" }\n}',
            errors: [{ message: "The identity provider 'identity' issues JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of 15m or less.", severity: 'warning', line: 2, text: 'issues: jwt { expiry: 15m }' }],
            output: 'idp identity {\n  issues: jwt { expiry: 15m  revocation: denylist }\n}\nservice basket {\n  auth: jwt { issuer: identity }\n}\nservice ordering {\n  auth: jwt { issuer: identity  audience: "orders" }\n}',
        },
        {
            name: 'a service whose own expiry breaks the issuer\'s rotating refresh is reported itself',
            code: 'idp kc {\n  issues: jwt { expiry: 5m  refresh: rotating }\n}\nservice api {\n  auth: jwt { issuer: kc  expiry: 1h }\n}',
            errors: [{ message: "The service 'api' accepts JWTs that cannot be revoked: set revocation: denylist, or refresh: rotating with an expiry of 15m or less.", line: 5 }],
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
        { name: 'a native app\'s secure storage (OS keychain)', code: 'client app { platform: mobile  tokenStorage: secureStorage }\nservice api { auth: jwt { expiry: 15m } }\napp -> api : https' },
        { name: 'an httpOnly cookie', code: 'client web { tokenStorage: httpOnlyCookie }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https' },
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
        {
            name: 'a cookie scripts can read',
            code: 'client web { tokenStorage: cookie }\nservice api { auth: jwt { expiry: 15m } }\nweb -> api : https',
            errors: [{ message: "The client 'web' keeps the JWTs of 'api' in a cookie without HttpOnly, where any script on the page can read them; use memory or an httpOnly cookie.", severity: 'warning', line: 1, text: 'tokenStorage: cookie' }],
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
        { name: 'a route with auth: none has no identity to forward', code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/login" -> users { auth: none }\n}\nservice users' },
    ],
    invalid: [
        {
            name: 'a route without forwardIdentity',
            code: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders',
            errors: [{ message: "The gateway 'g' authenticates callers but forwards to 'orders' (the route '/o') without their identity; set forwardIdentity so 'orders' knows who is calling.", severity: 'warning', line: 3, text: 'route "/o" -> orders' }],
            output: 'gateway g {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders { forwardIdentity: jwt }\n}\nservice orders',
        },
        {
            name: 'a route that authenticates on its own, on a gateway that does not',
            code: 'gateway g {\n  route "/o" -> orders { auth: jwt { expiry: 15m } }\n}\nservice orders',
            errors: [{ message: /forwards to 'orders' \(the route '\/o'\) without their identity/, line: 2 }],
            output: 'gateway g {\n  route "/o" -> orders { auth: jwt { expiry: 15m }  forwardIdentity: jwt }\n}\nservice orders',
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

ruleTester('missing-authentication', {
    valid: [
        { name: 'the service authenticates', code: 'client web\nservice uploads { auth: jwt { expiry: 15m } }\nweb -> uploads : https' },
        { name: 'anonymous on purpose', code: 'client web\nservice shop { public: true }\nweb -> shop : https' },
        { name: 'behind an authenticating load balancer', code: 'client web\nloadbalancer lb { auth: oauth2 }\nservice app\nweb -> lb : https\nlb -> app : https' },
        { name: 'behind a gateway (its own rules judge it)', code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' },
        { name: 'only an internal client in a private zone reaches it', code: 'zone ops {\n  trust: private\n  client operator\n  service jaeger\n}\noperator -> jaeger : http' },
        { name: 'reached only through another service', code: 'client web\nservice front { public: true }\nservice back\nweb -> front : https\nfront -> back : grpcs' },
        { name: 'a service a gateway also leads to is gateway-bypass\'s', code: 'client web\ngateway api {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https\nweb -> orders : https' },
    ],
    invalid: [
        {
            name: 'an upload service published on a host port',
            leaves: ['jwt-insecure-client-storage', 'jwt-without-issuer'], // the JWT fix names no issuer and no token storage yet
            code: 'client browser\nservice mediaFrontend\nbrowser -> mediaFrontend : https',
            errors: [{
                message: "The service 'mediaFrontend' does not authenticate callers and is not marked public: true, yet 'browser' reaches it with no authentication on the way (browser -> mediaFrontend); authenticate it, or mark it public: true if it is anonymous on purpose.",
                severity: 'error', line: 2, text: 'mediaFrontend',
                fixes: [
                    { title: 'Authenticate with JWT (expiry 15m, denylist revocation)', output: 'client browser\nservice mediaFrontend { auth: jwt { expiry: 15m  revocation: denylist } }\nbrowser -> mediaFrontend : https' },
                    { title: 'Mark it public: true (anonymous on purpose)', output: 'client browser\nservice mediaFrontend { public: true }\nbrowser -> mediaFrontend : https' },
                ],
            }],
        },
        {
            name: 'through a load balancer and a CDN that do not authenticate',
            leaves: ['jwt-insecure-client-storage', 'jwt-without-issuer'], // the JWT fix names no issuer and no token storage yet
            code: 'client web\ncdn edge { origin: lb }\nloadbalancer lb\nservice app\nweb -> edge : https\nedge -> lb : https\nlb -> app : https',
            errors: [{ message: /'web' reaches it with no authentication on the way \(web -> edge -> lb -> app\)/, line: 4 }],
        },
        {
            name: 'a service in a public zone is an entry point itself',
            leaves: ['jwt-without-issuer'], // the JWT fix names no issuer yet
            code: 'zone dmz {\n  trust: public\n  service status\n}',
            errors: [{ message: "The service 'status' does not authenticate callers and is not marked public: true, yet it is an entry point itself (in a public zone); authenticate it, or mark it public: true if it is anonymous on purpose.", line: 3 }],
        },
        {
            name: 'a gateway also leading to it does not hide an unauthenticated load balancer in front of it',
            leaves: ['jwt-without-issuer'], // the JWT fix names no issuer yet
            code: 'client web\ngateway api {\n  auth: jwt { expiry: 15m }\n  route "/o" -> orders\n}\nloadbalancer lb\nservice orders\nweb -> api : https\nweb -> lb : https\nlb -> orders : https',
            errors: [{ message: /'web' reaches it with no authentication on the way \(web -> lb -> orders\)/, line: 7 }],
        },
        {
            name: 'auth: none counts as no authentication',
            leaves: ['jwt-insecure-client-storage', 'jwt-without-issuer'], // the JWT fix names no issuer and no token storage yet
            code: 'client web\nfunction thumbs { auth: none }\nweb -> thumbs : https',
            errors: [{ message: /The function 'thumbs' does not authenticate callers/ }],
        },
    ],
});
