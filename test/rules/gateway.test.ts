import { ruleTester } from './rule-tester.js';

const AUTH = 'auth: jwt { expiry: 15m revocation: denylist }';

ruleTester('gateway-bypass', {
    valid: [
        { name: 'a separate front end behind no gateway is not a bypass (missing-authentication judges it)', code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nservice admin\nweb -> api : https\nweb -> admin : https' },
        { name: 'an internal client in a private zone is not an entry point', code: 'zone ops {\n  trust: private\n  client operator\n  service jaeger\n}\nclient web\ngateway api {\n  auth: jwt { expiry: 15m  revocation: denylist }\n  route "/t" -> jaeger\n}\nweb -> api : https\noperator -> jaeger : http' },
        { name: 'clients go through the gateway', code: `client web\ngateway api {\n  ${AUTH}\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https` },
        { name: 'no gateway in the model', code: 'client web\nservice orders\nweb -> orders : https' },
        { name: 'the target is itself in a public zone', code: 'zone dmz {\n  trust: public\n  service web\n}\ngateway api {\n  route "/w" -> web\n}\nclient c\nc -> web : https\nc -> api : https' },
        { name: 'a CDN pulling from its origin is not a bypass', code: 'zone edgeZone {\n  trust: public\n  cdn edge { origin: app }\n}\ngateway api {\n  route "/a" -> app\n}\nservice app\nedge -> app : https' },
        { name: 'a client calling a data store is another rule', code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\ndatabase db\nweb -> api : https\nweb -> db : sql+tls' },
    ],
    invalid: [
        {
            name: 'a client calls a routed service directly',
            code: `client web\ngateway api {\n  ${AUTH}\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https\nweb -> orders : https`,
            errors: [{ message: "The client 'web' calls the service 'orders' directly ('web -> orders'), bypassing the gateway 'api' that also leads to it; call the gateway instead.", severity: 'error', line: 8, text: 'web -> orders : https' }],
        },
        {
            name: 'a service reachable through the gateway only indirectly',
            code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nservice stock\norders -> stock : grpcs\nweb -> stock : https',
            errors: [{ message: /bypassing the gateway 'api'/, severity: 'error', line: 8 }],
            // No client called the gateway before the fix: now the rules judge it.
            revealed: ['gateway-missing-auth', 'gateway-missing-rate-limit', 'single-point-of-failure'],
        },
        {
            name: 'a component in a public zone counts as an entry point',
            code: 'zone pub {\n  trust: public\n  external partner\n}\ngateway api {\n  route "/o" -> orders\n}\nservice orders\npartner -> orders : https',
            errors: [{ message: /The external system 'partner' calls the service 'orders' directly/ }],
            revealed: ['gateway-missing-auth', 'gateway-missing-rate-limit', 'single-point-of-failure'],
        },
        {
            name: 'the fix removes the direct call when the client already calls the gateway the same way',
            code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https\nweb -> orders : https',
            errors: [{
                message: "The client 'web' calls the service 'orders' directly ('web -> orders'), bypassing the gateway 'api' that also leads to it; call the gateway instead.",
                fixes: ["Remove the direct call: 'web -> api' already goes through the gateway 'api'"],
            }],
            output: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https',
        },
        {
            name: 'the removal takes the comment ending the line with it, and keeps the lines around it',
            code: `client mobile\ngateway api {\n  ${AUTH}\n  route "/orders" -> orders\n}\nservice orders\nmobile -> api : https\nmobile -> orders : https // skips the gateway\n// the rest\n`,
            errors: [{ text: 'mobile -> orders : https' }],
            output: `client mobile\ngateway api {\n  ${AUTH}\n  route "/orders" -> orders\n}\nservice orders\nmobile -> api : https\n// the rest\n`,
        },
        {
            name: 'the fix points the connection at the gateway when the client calls it another way',
            code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : grpcs\nweb -> orders : https',
            errors: [{ fixes: ["Route through the gateway 'api'"] }],
            output: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : grpcs\nweb -> api : https',
        },
    ],
});

ruleTester('gateway-missing-auth', {
    valid: [
        { name: 'the gateway authenticates', code: `client web\ngateway api {\n  ${AUTH}\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https` },
        { name: 'an internal gateway nobody outside reaches', code: 'gateway internal {\n  route "/o" -> orders\n}\nservice orders' },
        { name: 'a gateway with no targets is another rule', code: 'client web\ngateway api\nweb -> api : https' },
        { name: 'every route authenticates on its own', code: 'client web\ngateway api {\n  route "/o" -> orders { auth: jwt { expiry: 15m } }\n}\nservice orders\nweb -> api : https' },
        { name: 'a route opened with auth: none is unauthenticated-route\'s', code: 'client web\ngateway api {\n  route "/o" -> orders { auth: none }\n}\nservice orders\nweb -> api : https' },
    ],
    invalid: [
        {
            name: 'no auth in front of a private service',
            code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https',
            errors: [{ message: "The gateway 'api' is reachable from an entry point but does not authenticate callers, and 'orders' behind it is not public; set auth on the gateway.", severity: 'error', line: 2, text: 'api' }],
            output: 'client web { tokenStorage: memory }\ngateway api {\n  route "/o" -> orders { forwardIdentity: jwt }\n  auth: jwt { issuer: idp expiry: 15m revocation: denylist }\n}\nidp idp "Identity provider"\nservice orders\nweb -> api : https',
        },
        {
            name: 'a load balancer in front of public services is only an info',
            code: 'client web\ngateway api {\n  route "/c" -> lb\n}\nloadbalancer lb\nservice catalog { public: true }\nlb -> catalog\nweb -> api : https',
            errors: [{ severity: 'info' }],
        },
        {
            name: 'looks through a load balancer to the services behind it',
            code: 'client web\ngateway api {\n  route "/o" -> lb\n}\nloadbalancer lb\nservice orders\nlb -> orders\nweb -> api : https',
            errors: [{ message: /'orders' behind it is not public/ }],
        },
        {
            name: 'the fix names the model\'s identity provider as issuer and leaves clients with a non-browser platform alone',
            code: 'client app { platform: mobile }\ngateway api {\n  route "/o" -> orders\n}\nidp login\nservice orders { auth: mtls }\nweb -> api : https\nclient web { tokenStorage: httpOnlyCookie }\napp -> api : https',
            errors: [{ fixes: ["Authenticate with JWT issued by 'login' (expiry 15m, denylist revocation)"] }],
            output: 'client app { platform: mobile }\ngateway api {\n  route "/o" -> orders\n  auth: jwt { issuer: login expiry: 15m revocation: denylist }\n}\nidp login\nservice orders { auth: mtls }\nweb -> api : https\nclient web { tokenStorage: httpOnlyCookie }\napp -> api : https',
        },
        {
            name: 'auth: none is placed on the property',
            code: 'client web\ngateway api {\n  auth: none\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https',
            errors: [{ severity: 'error', line: 3, text: 'auth: none' }],
            output: 'client web { tokenStorage: memory }\ngateway api {\n  auth: jwt { issuer: idp expiry: 15m revocation: denylist }\n  route "/o" -> orders { forwardIdentity: jwt }\n}\nidp idp "Identity provider"\nservice orders\nweb -> api : https',
        },
        {
            name: 'every target public is only an info',
            code: 'client web\ngateway api {\n  route "/c" -> catalog\n}\nservice catalog { public: true }\nweb -> api : https',
            errors: [{ message: /every target behind it is public/, severity: 'info' }],
        },
        {
            name: 'a route marked public: true exposes its target on purpose',
            code: 'client web\ngateway api {\n  route "/login" -> users { public: true }\n}\nservice users\nweb -> api : https',
            errors: [{ message: "The gateway 'api' does not authenticate callers; every target behind it is public or authenticates itself.", severity: 'info' }],
        },
    ],
});

ruleTester('gateway-missing-rate-limit', {
    valid: [
        { name: 'a rate limit is set', code: 'client web\ngateway api {\n  rateLimit: 100/s\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https' },
        { name: 'an internal gateway', code: 'gateway api {\n  route "/o" -> orders\n}\nservice orders' },
    ],
    invalid: [
        {
            name: 'a public-facing gateway without rateLimit',
            code: 'client web\ngateway api {\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https',
            errors: [{ message: "The gateway 'api' is reachable from an entry point but has no rateLimit; one caller can flood every service behind it.", severity: 'warning', line: 2, text: 'api' }],
            output: 'client web\ngateway api {\n  route "/o" -> orders\n  rateLimit: 100/s\n}\nservice orders\nweb -> api : https',
        },
        {
            name: 'a gateway inside a public zone is exposed even without callers',
            code: 'zone edge {\n  trust: public\n  gateway api {\n    route "/o" -> orders\n  }\n}\nservice orders',
            errors: [{ line: 3, text: 'api' }],
        },
        {
            name: 'the fix inserts into a one-line body',
            code: 'client web\ngateway api { route "/o" -> orders }\nservice orders\nweb -> api : https',
            errors: [{ message: "The gateway 'api' is reachable from an entry point but has no rateLimit; one caller can flood every service behind it." }],
            output: 'client web\ngateway api { route "/o" -> orders  rateLimit: 100/s }\nservice orders\nweb -> api : https',
        },
    ],
});

ruleTester('gateway-without-routes', {
    valid: [
        { name: 'a gateway with a route', code: 'gateway api {\n  route "/o" -> orders\n}\nservice orders' },
        { name: 'a gateway with a plain connection', code: 'gateway api\nservice orders\napi -> orders : grpcs' },
        { name: 'a route to a load balancer in front of services', code: 'gateway api {\n  route "/o" -> lb\n}\nloadbalancer lb\nservice orders\nlb -> orders : https' },
        { name: 'a backend-for-frontend proxying the identity provider', code: 'gateway bff {\n  route "/identity" -> kc\n  route "/api" -> orders\n}\nidp kc\nservice orders' },
    ],
    invalid: [
        {
            name: 'a gateway that routes nowhere',
            code: 'client web\ngateway api\nweb -> api : https',
            errors: [{ message: "The gateway 'api' has no routes and no outgoing connections; it routes nowhere.", severity: 'error', line: 2, text: 'api' }],
        },
        {
            name: 'a route straight to a database',
            code: 'gateway api {\n  route "/db" -> db\n}\ndatabase db',
            errors: [{ message: "The route '/db' of the gateway 'api' targets the database 'db', which is not a service.", line: 2, text: 'route "/db" -> db' }],
        },
        {
            name: 'the fix routes to the services clients call directly',
            code: 'client web\ngateway api\nservice orders\nweb -> api : https\nweb -> orders : https',
            errors: [{ message: "The gateway 'api' has no routes and no outgoing connections; it routes nowhere." }],
            output: 'client web\ngateway api { route "/orders" -> orders }\nservice orders\nweb -> api : https\nweb -> orders : https',
            // With a route the gateway has something to protect (its missing auth is judged) and the direct call bypasses it.
            revealed: ['gateway-bypass', 'gateway-missing-auth'],
        },
    ],
});

ruleTester('gateway-cache-disabled', {
    valid: [
        { name: 'reads with a cache', code: 'gateway api {\n  cache: 30s\n  route "/c" -> catalog { op: read }\n}\nservice catalog' },
        { name: 'no reads marked', code: 'gateway api {\n  route "/c" -> catalog\n}\nservice catalog' },
    ],
    invalid: [
        {
            name: 'a read route without cache',
            code: 'gateway api {\n  route "/c" -> catalog { op: read }\n}\nservice catalog',
            errors: [{ message: "The gateway 'api' serves reads ('/c') but has no cache.", severity: 'info', line: 1, text: 'api' }],
            output: 'gateway api {\n  route "/c" -> catalog { op: read }\n  cache: 30s\n}\nservice catalog',
        },
    ],
});

ruleTester('unauthenticated-route', {
    valid: [
        { name: 'a route marked public: true (login)', code: `client web\ngateway api {\n  ${AUTH}\n  route "/login" -> users { auth: none  public: true }\n}\nservice users\nweb -> api : https` },
        { name: 'a public target', code: `client web\ngateway api {\n  ${AUTH}\n  route "/c" -> catalog { auth: none }\n}\nservice catalog { public: true }\nweb -> api : https` },
        { name: 'a target that authenticates itself', code: `client web\ngateway api {\n  ${AUTH}\n  route "/o" -> orders { auth: none }\n}\nservice orders { auth: jwt { expiry: 15m } }\nweb -> api : https` },
        { name: 'a route without auth of its own is the gateway\'s', code: `client web\ngateway api {\n  ${AUTH}\n  route "/o" -> orders\n}\nservice orders\nweb -> api : https` },
        { name: 'an internal gateway nobody outside reaches', code: 'gateway internal {\n  route "/o" -> orders { auth: none }\n}\nservice orders' },
    ],
    invalid: [
        {
            name: 'an anonymous route to a service that acts for a user',
            code: `client web\ngateway api {\n  ${AUTH}\n  route "/follow" -> graph { auth: none }\n}\nservice graph\nweb -> api : https`,
            errors: [{
                message: "The route '/follow' of the gateway 'api' lets anyone call 'graph' anonymously (auth: none), and 'graph' is not public and does not authenticate; authenticate the route, or mark it public: true if it is anonymous on purpose.",
                severity: 'warning', line: 4, text: 'auth: none',
                fixes: [{ title: 'Mark the route public: true (anonymous on purpose)', output: `client web\ngateway api {\n  ${AUTH}\n  route "/follow" -> graph { auth: none  public: true }\n}\nservice graph\nweb -> api : https` }],
            }],
        },
        {
            name: 'one finding per route, also on a gateway that does not authenticate',
            code: 'client web\ngateway api {\n  route "/a" -> graph { auth: none }\n  route "/b" -> graph { auth: none }\n}\nservice graph\nweb -> api : https',
            errors: [{ message: /The route '\/a'/, line: 3 }, { message: /The route '\/b'/, line: 4 }],
        },
    ],
});
