import { ruleTester } from './rule-tester.js';

ruleTester('shared-database', {
    valid: [
        { name: 'one writer', code: 'service a\ndatabase db\na -> db' },
        { name: 'an ETL reader does not count', code: 'service a\netl e { to: w }\ndatabase w\ndatabase db\na -> db\ne -> db' },
        { name: 'caches are not judged', code: 'service a\nservice b\ncache c\na -> c\nb -> c' },
    ],
    invalid: [
        {
            name: 'two writers',
            code: 'service orders\nservice billing\ndatabase db\norders -> db : sql+tls\nbilling -> db : sql+tls',
            errors: [{ message: "The database 'db' is written by 'orders', 'billing'; each service should own its data, and others go through its API.", severity: 'warning', line: 3, text: 'db' }],
        },
        {
            name: 'an owner and a direct reader is an info',
            code: 'service orders\nservice reports\ndatabase db\norders -> db\nreports -> db { op: read }',
            errors: [{ message: "The database 'db' is owned by 'orders' but also read directly by 'reports'; reading through 'orders' keeps its schema private.", severity: 'info' }],
        },
    ],
});

ruleTester('client-direct-datastore-access', {
    valid: [
        { name: 'through a service', code: 'client web\nservice api\ndatabase db\nweb -> api : https\napi -> db' },
        { name: 'a CDN pulling from storage', code: 'zone pub {\n  trust: public\n  cdn edge { origin: assets }\n}\nstorage assets\nedge -> assets : https' },
        { name: 'an operator in a private zone opening the broker\'s management UI is internal', code: 'zone ops {\n  trust: private\n  client operator\n  broker eventBus { ha: true }\n}\noperator -> eventBus : http' },
    ],
    invalid: [
        {
            name: 'a client queries a database',
            code: 'client web\ndatabase db\nweb -> db : sql+tls',
            errors: [{ message: "The client 'web' connects directly to the database 'db' ('web -> db'); put a service in between so data access is authorised and validated.", severity: 'error', line: 3, text: 'web -> db : sql+tls' }],
        },
        {
            name: 'a client publishes to a topic',
            code: 'client app\nbroker bus { topic t }\napp ~> bus.t : mqtts',
            errors: [{ message: /connects directly to the topic 'bus.t'/ }],
        },
    ],
});

ruleTester('plaintext-connection', {
    valid: [
        { name: 'TLS from the client', code: 'client web\nservice api\nweb -> api : https' },
        { name: 'no protocol is another rule', code: 'client web\nservice api\nweb -> api' },
        { name: 'DNS over UDP is resolution, not traffic', code: 'zone pub {\n  trust: public\n  dns dns\n}\ncdn edge { origin: s }\nstorage s\ndns -> edge : udp' },
        { name: 'a browser looking up a name is not a plaintext leak', code: 'client web\ndns afdDns\nweb -> afdDns : dns' },
        { name: 'a lookup over the dns protocol to anything is a lookup', code: 'client web\nexternal resolver\nweb -> resolver : dns' },
        { name: 'DNS over HTTPS to a DNS that wants encryption', code: 'client web\ndns resolver { encrypted: true }\nweb -> resolver : doh' },
        { name: 'a service mesh zone encrypts traffic inside it', code: 'zone mesh {\n  mtls: true\n  service a\n  service b\n  zone inner {\n    cache c\n  }\n}\na -> b : http\nb -> c : redis' },
    ],
    invalid: [
        {
            name: 'http from a client',
            code: 'client web\nservice api\nweb -> api : http',
            errors: [{ message: "The connection 'web -> api' crosses the public boundary over plaintext 'http'; use 'https'.", severity: 'error', line: 3, text: 'web -> api : http' }],
        },
        {
            name: 'a CDN fetching its origin over http',
            code: 'cdn edge\nstorage assets\nedge -> assets : http',
            errors: [{ severity: 'error' }],
        },
        {
            name: 'plaintext inside the private network is an info',
            code: 'service a\ncache c\na -> c : redis',
            errors: [{ message: "The connection 'a -> c' between private components that share no zone uses plaintext 'redis'; consider 'rediss'.", severity: 'info', line: 3, text: 'a -> c : redis' }],
            output: 'service a\ncache c\na -> c : rediss',
        },
        {
            name: 'plaintext inside a zone is one info on the zone, its connections as related information',
            code: 'zone cluster {\n  service a\n  service b\n  cache c\n}\na -> b : http\nb -> c : redis\na -> c : rediss',
            errors: [{ message: "2 connections inside the zone 'cluster' use plaintext (http, redis); consider TLS, or mtls: true on the zone if a service mesh encrypts them.", severity: 'info', line: 1, text: 'cluster' }],
            output: 'zone cluster {\n  service a\n  service b\n  cache c\n}\na -> b : https\nb -> c : rediss\na -> c : rediss',
        },
        {
            name: 'one connection inside a zone names it',
            code: 'zone cluster {\n  service a\n  cache c\n}\na -> c : redis',
            errors: [{ message: "The connection 'a -> c' inside the zone 'cluster' uses plaintext 'redis'; consider 'rediss', or mtls: true on the zone if a service mesh encrypts it.", severity: 'info', line: 1, text: 'cluster' }],
        },
        {
            name: 'a client inside a private zone is internal traffic, not an entry point',
            code: 'zone cluster {\n  trust: private\n  client loadgenerator\n  service frontend\n}\nloadgenerator -> frontend : http',
            errors: [{ message: "The connection 'loadgenerator -> frontend' inside the zone 'cluster' uses plaintext 'http'; consider 'https', or mtls: true on the zone if a service mesh encrypts it.", severity: 'info' }],
        },
        {
            name: 'a client in a public zone is an entry point',
            code: 'zone internet {\n  trust: public\n  client web\n}\nservice api\nweb -> api : http',
            errors: [{ message: "The connection 'web -> api' crosses the public boundary over plaintext 'http'; use 'https'.", severity: 'error' }],
        },
        {
            name: 'a plain lookup to a DNS that wants encryption',
            code: 'client web\ndns resolver { encrypted: true }\nweb -> resolver : dns',
            errors: [{ message: "The connection 'web -> resolver' crosses the public boundary over plaintext 'dns'; use 'dot'.", severity: 'error' }],
            output: 'client web\ndns resolver { encrypted: true }\nweb -> resolver : dot',
        },
        {
            name: 'a gateway route with a plaintext protocol is checked like a connection',
            code: 'zone pub {\n  trust: public\n  gateway api {\n    route "/o" -> orders : http\n  }\n}\nservice orders',
            errors: [{ message: "The connection 'api -> orders' crosses the public boundary over plaintext 'http'; use 'https'.", severity: 'error', line: 4 }],
            output: 'zone pub {\n  trust: public\n  gateway api {\n    route "/o" -> orders : https\n  }\n}\nservice orders',
        },
        {
            name: 'mtls on a zone covers only connections with both ends inside it',
            code: 'client web\nzone mesh {\n  mtls: true\n  service a\n}\nzone other {\n  cache c\n}\nweb -> a : https\na -> c : redis',
            errors: [{ message: "The connection 'a -> c' between private components that share no zone uses plaintext 'redis'; consider 'rediss'.", severity: 'info' }],
        },
        {
            name: 'the fix replaces only the protocol',
            code: 'client web\nservice api\nweb -> api : http "calls"',
            errors: [{ message: "The connection 'web -> api' crosses the public boundary over plaintext 'http'; use 'https'." }],
            output: 'client web\nservice api\nweb -> api : https "calls"',
        },
    ],
});

ruleTester('single-point-of-failure', {
    valid: [
        { name: 'replicated', code: 'client web\nservice api { replicas: 2 }\nweb -> api : https' },
        { name: 'nothing reaches it from outside and it does no background work', code: 'client web\nservice api { replicas: 2 }\nweb -> api : https\nservice reader\ndatabase db\nreader -> db { op: read }' },
        { name: 'a fragment without entry points is not judged, not even its writers', code: 'service api\ndatabase db\napi -> db' },
        { name: 'a scheduled job runs again on its next schedule', code: 'batch nightly { schedule: "0 2 * * *" }\ndatabase db { ha: true }\nnightly -> db' },
        { name: 'a replicated background worker', code: 'service relay { replicas: 2 }\nbroker bus {\n  ha: true\n  topic t\n}\nrelay ~> bus.t' },
        { name: 'storage and CDNs are redundant by default', code: 'client web\ncdn edge { origin: s }\nstorage s\nweb -> edge : https\nedge -> s : https' },
        { name: 'ha counts as redundant', code: 'client web\ndatabase db { ha: true }\nservice api { replicas: 2 }\nweb -> api : https\napi -> db' },
        { name: 'external systems are not judged', code: 'client web\nexternal stripe\nweb -> stripe : https' },
        { name: 'serverless functions are redundant by default', code: 'client web\nfunction thumbs\nweb -> thumbs : https' },
    ],
    invalid: [
        {
            name: 'a single service behind a client',
            code: 'client web\nservice api\nweb -> api : https',
            errors: [{
                message: "The service 'api' runs as a single instance, and requests from 'web' depend on it (web -> api); run at least two replicas.", severity: 'warning', line: 2, text: 'api',
                fixes: ["Set replicas: 2 and balance 'web -> api' on the client"],
            }],
            output: 'client web\nservice api { replicas: 2 }\nweb -> api : https { loadBalancing: client }',
        },
        {
            name: 'reached through async delivery',
            code: 'client web\nservice api { replicas: 2 }\nbroker bus {\n  replicas: 3\n  topic t\n}\nservice worker\nweb -> api : https\napi ~> bus.t\nbus.t ~> worker',
            errors: [{ message: "The service 'worker' runs as a single instance, and when it stops, the events on 'bus.t' stop being processed (web -> api ~> bus.t ~> worker); run at least two replicas." }],
        },
        {
            name: 'a broker reached by publishing',
            code: 'client web\nservice api { replicas: 2 }\nbroker bus {\n  topic t\n}\nservice worker { replicas: 2 }\nweb -> api : https\napi ~> bus.t\nbus.t ~> worker',
            errors: [{ message: "The broker 'bus' runs as a single instance, and publishing from 'api' depends on it (web -> api ~> bus.t); run at least two replicas.", line: 3, text: 'bus' }],
        },
        {
            name: 'the example path starts at a real entry point, never at an internal client',
            code: 'zone cluster {\n  client loadgenerator\n  service frontend\n}\nclient shopper\nloadbalancer lb { replicas: 2 }\nshopper -> lb : https\nlb -> frontend : http\nloadgenerator -> frontend : http',
            errors: [{ message: "The service 'frontend' runs as a single instance, and requests from 'shopper' depend on it (shopper -> lb -> frontend); run at least two replicas.", line: 3, text: 'frontend' }],
        },
        {
            name: 'a background worker that nothing calls: its work stops',
            code: 'client web\nservice api { replicas: 2 }\nweb -> api : https\nservice relay\nbroker bus {\n  ha: true\n  topic t\n}\ndatabase db { ha: true }\nrelay ~> bus.t\nrelay -> db { op: readwrite }',
            errors: [{ message: "The service 'relay' runs as a single instance, and nothing calls it: when it stops, its background work stops (it publishes to 'bus.t' and writes to 'db'); run at least two replicas.", line: 4, text: 'relay' }],
            output: 'client web\nservice api { replicas: 2 }\nweb -> api : https\nservice relay { replicas: 2 }\nbroker bus {\n  ha: true\n  topic t\n}\ndatabase db { ha: true }\nrelay ~> bus.t\nrelay -> db { op: readwrite }',
        },
        {
            name: 'what only a background worker uses',
            code: 'client web\nservice api { replicas: 2 }\nweb -> api : https\nservice relay { replicas: 2 }\ndatabase db\nrelay -> db',
            errors: [{ message: "The database 'db' runs as a single instance, and the background work of 'relay' depends on it (relay -> db); run at least two replicas." }],
        },
        {
            name: 'replicas: 1 is reported on the property',
            code: 'client web\nservice api { replicas: 1 }\nweb -> api : https',
            errors: [{ text: 'replicas: 1' }],
            output: 'client web\nservice api { replicas: 2 }\nweb -> api : https { loadBalancing: client }',
        },
        {
            name: 'calls through a load balancer need no balancing: only replicas are set',
            code: 'client web\nloadbalancer lb { replicas: 2 }\nservice api\nweb -> lb : https\nlb -> api : https',
            errors: [{ fixes: ['Set replicas: 2'] }],
            output: 'client web\nloadbalancer lb { replicas: 2 }\nservice api { replicas: 2 }\nweb -> lb : https\nlb -> api : https',
        },
    ],
});

ruleTester('replicas-without-load-balancer', {
    valid: [
        { name: 'a CDN or front door balances over its origin\'s instances', code: 'cdn edge { origin: app }\nservice app { replicas: 2 }\nedge -> app : https' },
        { name: 'behind a load balancer', code: 'client web\nloadbalancer lb\nservice a { replicas: 2 }\nweb -> lb : https\nlb -> a' },
        { name: 'routed by a gateway', code: 'gateway g {\n  route "/a" -> a\n}\nservice a { replicas: 2 }' },
        { name: 'client-side load balancing', code: 'client web\nservice a { replicas: 2 }\nweb -> a : https { loadBalancing: dns }' },
        { name: 'service-to-service calls use service discovery by default', code: 'service b\nservice a { replicas: 3 }\nb -> a : grpcs' },
    ],
    invalid: [
        {
            name: 'a client calls a replicated service directly',
            code: 'client web\nservice a { replicas: 3 }\nweb -> a : https',
            errors: [{ message: "'a' runs 3 replicas, but 'web -> a' goes through no load balancer; set loadBalancing: or call it through a load balancer.", severity: 'warning', line: 3, text: 'web -> a : https' }],
            output: 'client web\nservice a { replicas: 3 }\nweb -> a : https { loadBalancing: client }',
        },
        {
            name: 'an external system calling a replicated service',
            code: 'external partner\nservice app { replicas: 2 }\npartner -> app : https',
            errors: [{ line: 3 }],
        },
        {
            name: 'service callers when the option asks for them',
            code: 'service b\nservice a { replicas: 3 }\nb -> a : grpcs',
            settings: { 'replicas-without-load-balancer': { severity: 'warning', options: { serviceCallers: true } } },
            errors: [{ text: 'b -> a : grpcs' }],
        },
    ],
});

ruleTester('incomplete-component', {
    valid: [
        { name: 'a protocol is given', code: 'client web\nservice api\nweb -> api : https' },
        { name: 'private connections may omit it', code: 'service a\nservice b\na -> b' },
        { name: 'DNS resolution is not traffic', code: 'zone pub {\n  trust: public\n  dns dns\n}\ncdn edge { origin: s }\nstorage s\ndns -> edge' },
    ],
    invalid: [
        {
            name: 'a client connection without protocol',
            code: 'client web\nservice api\nweb -> api',
            errors: [{ message: "The connection 'web -> api' crosses the public boundary but names no protocol, so its encryption cannot be checked; add one such as ': https'.", severity: 'info', line: 3, text: 'web -> api' }],
        },
        {
            name: 'the fix writes the protocol before the label',
            code: 'client web\nservice api\nweb -> api "calls"',
            errors: [{ message: "The connection 'web -> api' crosses the public boundary but names no protocol, so its encryption cannot be checked; add one such as ': https'." }],
            output: 'client web\nservice api\nweb -> api : https "calls"',
        },
    ],
});

ruleTester('single-point-of-failure', {
    valid: [],
    invalid: [
        {
            name: 'says how many components are only reachable through it',
            code: 'client web\nservice api\nservice a { replicas: 2 }\nservice b { replicas: 2 }\nweb -> api : https\napi -> a : grpcs\napi -> b : grpcs',
            errors: [{ message: "The service 'api' runs as a single instance, and requests from 'web' depend on it (web -> api); run at least two replicas. 2 other components are reachable only through it." }],
        },
        {
            name: 'does not count components with another way in',
            code: 'client web\nservice api\nservice a { replicas: 2 }\nweb -> api : https\napi -> a : grpcs\nweb -> a : https',
            errors: [{ message: /depend on it \(web -> api\); run at least two replicas\.$/ }],
        },
    ],
});
