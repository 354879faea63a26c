import { ruleTester } from './rule-tester.js';

ruleTester('cdn-missing-origin', {
    valid: [
        { name: 'origin set', code: 'cdn edge { origin: assets }\nstorage assets' },
        { name: 'an outgoing connection to a gateway serves as origin', code: 'cdn edge\ngateway api {\n  route "/a" -> app\n}\nservice app\nedge -> api : https' },
        { name: 'an unresolved origin is reported once, as unresolved-reference', code: 'cdn edge { origin: asets }\nstorage assets' },
    ],
    invalid: [
        {
            name: 'no origin at all',
            code: 'cdn edge { ttl: 1h }\nstorage assets',
            errors: [{ message: "The CDN 'edge' has no origin: on a cache miss it has nowhere to fetch from; set origin: to the storage or service it fronts.", severity: 'error', line: 1, text: 'edge' }],
            output: 'cdn edge { ttl: 1h  origin: assets }\nstorage assets',
        },
        {
            name: 'a connection to a database is no origin',
            code: 'cdn edge\ndatabase db\nedge -> db : sql+tls',
            errors: [{ text: 'edge' }],
            output: null,
        },
        {
            name: 'the fix offers up to three origins, storage first',
            code: 'cdn edge\nservice app\nservice web\nstorage assets\ngateway api',
            errors: [{ text: 'edge', fixes: ['Set origin: assets', 'Set origin: api', 'Set origin: app'] }],
            output: 'cdn edge { origin: assets }\nservice app\nservice web\nstorage assets\ngateway api',
        },
        {
            name: 'the fix creates a body for the origin',
            code: 'cdn edge\nstorage assets',
            errors: [{ message: "The CDN 'edge' has no origin: on a cache miss it has nowhere to fetch from; set origin: to the storage or service it fronts." }],
            output: 'cdn edge { origin: assets }\nstorage assets',
        },
    ],
});

ruleTester('cdn-origin-bypass', {
    valid: [
        { name: 'clients only reach the CDN', code: 'client web\ncdn edge { origin: assets }\nstorage assets\nweb -> edge : https' },
        { name: 'the gateway behind the CDN is not a bypass', code: 'client web\ncdn edge { origin: api }\ngateway api {\n  route "/a" -> app\n}\nservice app\nweb -> edge : https' },
    ],
    invalid: [
        {
            name: 'a client fetches from the origin directly',
            code: 'client web\ncdn edge { origin: assets }\nstorage assets\nweb -> edge : https\nweb -> assets : https',
            errors: [{ message: "The client 'web' reaches 'assets' directly ('web -> assets'), but 'assets' is the origin of the CDN 'edge'; go through the CDN.", severity: 'warning', line: 5, text: 'web -> assets : https' }],
        },
        {
            name: 'DNS resolves to the origin',
            code: 'dns dns\ncdn edge { origin: api }\ngateway api {\n  route "/a" -> app\n}\nservice app\ndns -> edge\ndns -> api',
            errors: [{ message: /The DNS 'dns' reaches 'api' directly/, line: 8 }],
        },
        {
            name: 'the origin sits in a public zone',
            code: 'zone pub {\n  trust: public\n  storage assets\n}\ncdn edge { origin: assets }',
            errors: [{ message: /sits in a public zone/, line: 3, text: 'assets' }],
        },
    ],
});

ruleTester('cdn-missing-waf', {
    valid: [
        { name: 'WAF on the CDN', code: 'client web\ncdn edge { origin: assets  waf: true }\nstorage assets\nweb -> edge : https' },
        { name: 'WAF in front of the CDN', code: 'client web\nloadbalancer lb { waf: true }\ncdn edge { origin: assets }\nstorage assets\nweb -> lb : https\nlb -> edge : https' },
        { name: 'a CDN no entry point reaches', code: 'cdn edge { origin: assets }\nstorage assets' },
    ],
    invalid: [
        {
            name: 'an exposed CDN without WAF',
            code: 'client web\ncdn edge { origin: assets }\nstorage assets\nweb -> edge : https',
            errors: [{ message: "The CDN 'edge' is reachable from 'web' with no web application firewall in front of it; set waf: true.", severity: 'warning', line: 2, text: 'edge' }],
            output: 'client web\ncdn edge { origin: assets  waf: true }\nstorage assets\nweb -> edge : https',
        },
        {
            name: 'waf: false counts as none',
            code: 'client web\ncdn edge { origin: assets  waf: false }\nstorage assets\nweb -> edge : https',
            errors: [{ line: 2 }],
        },
    ],
});

ruleTester('cdn-no-cache-policy', {
    valid: [
        { name: 'a ttl is set', code: 'cdn edge { origin: assets  ttl: 1h }\nstorage assets' },
    ],
    invalid: [
        {
            name: 'no ttl',
            code: 'cdn edge { origin: assets }\nstorage assets',
            errors: [{ message: "The CDN 'edge' has no ttl, so its caching policy is undefined; set how long edges keep a copy.", severity: 'info', line: 1, text: 'edge' }],
        },
        {
            name: 'ttl zero',
            code: 'cdn edge { origin: assets  ttl: 0s }\nstorage assets',
            errors: [{ message: /has ttl 0 and caches nothing/, text: 'ttl: 0s' }],
            output: 'cdn edge { origin: assets  ttl: 1h }\nstorage assets',
        },
        {
            name: 'no ttl: the fix inserts one on its own line',
            code: 'cdn edge {\n  origin: assets\n}\nstorage assets',
            errors: [{ message: "The CDN 'edge' has no ttl, so its caching policy is undefined; set how long edges keep a copy." }],
            output: 'cdn edge {\n  origin: assets\n  ttl: 1h\n}\nstorage assets',
        },
    ],
});

ruleTester('cdn-caches-private-content', {
    valid: [
        { name: 'static content from storage', code: 'cdn edge { origin: assets  ttl: 1h }\nstorage assets' },
        { name: 'authenticated requests bypass the cache', code: 'cdn edge { origin: app  ttl: 1h  bypassWhen: authenticated }\nservice app { auth: session { store: s } }\ncache s' },
        { name: 'no ttl means no caching to judge', code: 'cdn edge { origin: app }\nservice app { auth: jwt { expiry: 15m } }' },
    ],
    invalid: [
        {
            name: 'caching a session-authenticated origin',
            code: 'cdn edge { origin: app  ttl: 1h }\nservice app { auth: session { store: s } }\ncache s',
            errors: [{ message: "The CDN 'edge' caches responses for 1h from 'app', which serves per-user content; set bypassWhen: authenticated so one user's responses are never served to another.", severity: 'warning', line: 1, text: 'ttl: 1h' }],
            output: 'cdn edge { origin: app  ttl: 1h  bypassWhen: authenticated }\nservice app { auth: session { store: s } }\ncache s',
        },
        {
            name: 'caching a service behind an authenticating gateway',
            code: 'cdn edge { ttl: 5m }\ngateway api {\n  auth: jwt { expiry: 15m }\n  route "/a" -> app\n}\nservice app\nedge -> app : https',
            errors: [{ message: /from 'app'/ }],
        },
    ],
});

ruleTester('dns-resolves-to-internal', {
    valid: [
        { name: 'DNS resolves to the CDN', code: 'dns dns\ncdn edge { origin: s }\nstorage s\ndns -> edge' },
        { name: 'DNS resolves to a service in a public zone', code: 'dns dns\nzone pub {\n  trust: public\n  service web\n}\ndns -> web' },
    ],
    invalid: [
        {
            name: 'DNS resolves to a private service',
            code: 'dns dns\nservice orders\ndns -> orders "resolves"',
            errors: [{ message: "The DNS 'dns' resolves to the service 'orders' ('dns -> orders'), a private component; point it at a CDN, gateway or load balancer instead.", severity: 'warning', line: 3, text: 'dns -> orders "resolves"' }],
        },
        {
            name: 'DNS resolves to a database',
            code: 'dns dns\ndatabase db\ndns -> db',
            errors: [{ message: /the database 'db'/ }],
        },
    ],
});
