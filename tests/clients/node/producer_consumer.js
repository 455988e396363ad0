// node-redis (v4) against a Redis-protocol server: a producer XADDs 200 jobs to a stream, a
// consumer group of two consumers reads them with XREADGROUP BLOCK + COUNT and XACKs each;
// every job must be delivered exactly once and nothing left pending. Then a BLPOP/RPUSH round
// trip and a SUBSCRIBE/PUBLISH round trip. Exits non-zero on any failure.
// Usage: node producer_consumer.js PORT
'use strict';

const { createClient } = require('redis');

const JOBS = 200;
const STREAM = 'clients:jobs';
const GROUP = 'workers';
const LIST = 'clients:queue';
const CHANNEL = 'clients:news';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
    console.error('usage: node producer_consumer.js PORT');
    process.exit(2);
}

// The whole run is bounded: a hang is a failure, not a stuck test.
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);

function check(condition, message) {
    if (!condition)
        throw new Error(message);
}

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

const clients = [];
async function connect(name) {
    const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } });
    client.on('error', (err) => console.error(`${name}: connection error: ${err.message}`));
    await client.connect();
    clients.push(client);
    return client;
}

// Polls CLIENT LIST until some client is blocked in `command` (so a push really wakes it).
async function waitUntilBlocked(admin, command) {
    for (let i = 0; i < 200; ++i) {
        const list = await admin.sendCommand(['CLIENT', 'LIST']);
        if (list.split('\n').some((line) => line.includes(' flags=b ') && line.includes(` cmd=${command} `)))
            return;
        await sleep(25);
    }
    throw new Error(`no client became blocked in ${command}`);
}

async function streamJobs(admin) {
    await admin.del(STREAM);
    await admin.xGroupCreate(STREAM, GROUP, '$', { MKSTREAM: true });

    const delivered = new Map(); // job number -> times delivered
    const perConsumer = {};
    let acked = 0;
    let producing = true;

    async function consume(name) {
        const client = await connect(name);
        perConsumer[name] = 0;
        // After the producer is done, a few empty reads in a row end the loop even if jobs
        // went missing (the checks below then say which).
        let emptyAfterDone = 0;
        while ((producing || acked < JOBS) && emptyAfterDone < 10) {
            const reply = await client.xReadGroup(GROUP, name, { key: STREAM, id: '>' }, { COUNT: 7, BLOCK: 100 });
            if (reply === null) {
                if (!producing)
                    emptyAfterDone += 1;
                continue;
            }
            check(reply.length === 1 && reply[0].name === STREAM, `${name}: unexpected XREADGROUP reply`);
            for (const { id, message } of reply[0].messages) {
                const job = Number(message.job);
                check(Number.isInteger(job) && job >= 0 && job < JOBS, `${name}: bad job ${JSON.stringify(message)}`);
                check(message.payload === `work item ${job}`, `${name}: job ${job} has payload ${message.payload}`);
                delivered.set(job, (delivered.get(job) || 0) + 1);
                perConsumer[name] += 1;
                const n = await client.xAck(STREAM, GROUP, id);
                check(n === 1, `${name}: XACK ${id} returned ${n}`);
                acked += 1;
            }
        }
    }

    async function produce() {
        const client = await connect('producer');
        try {
            for (let i = 0; i < JOBS; ++i) {
                await client.xAdd(STREAM, '*', { job: String(i), payload: `work item ${i}` });
                // Pause now and then so that the consumers drain the stream and block again.
                if (i % 25 === 24)
                    await sleep(20);
            }
        } finally {
            producing = false;
        }
    }

    const consumers = [consume('consumer-1'), consume('consumer-2')];
    await produce();
    await Promise.all(consumers);

    for (let job = 0; job < JOBS; ++job)
        check(delivered.get(job) === 1, `job ${job} was delivered ${delivered.get(job) || 0} times`);
    check(delivered.size === JOBS, `${delivered.size} distinct jobs delivered, expected ${JOBS}`);
    check(await admin.xLen(STREAM) === JOBS, 'XLEN is not the number of jobs');

    const pending = await admin.xPending(STREAM, GROUP);
    check(pending.pending === 0, `XPENDING reports ${pending.pending} pending entries`);
    check(pending.firstId === null && pending.lastId === null, 'XPENDING reports pending ids');

    const groups = await admin.xInfoGroups(STREAM);
    check(groups.length === 1 && groups[0].name === GROUP, 'XINFO GROUPS does not list the group');
    check(groups[0].pending === 0, `XINFO GROUPS reports ${groups[0].pending} pending`);
    check(groups[0].consumers === 2, `XINFO GROUPS reports ${groups[0].consumers} consumers`);
    const last = await admin.xRevRange(STREAM, '+', '-', { COUNT: 1 });
    check(groups[0].lastDeliveredId === last[0].id, 'the group did not deliver up to the last entry');

    console.log(`streams: ${JOBS} jobs delivered once each and acked `
        + `(consumer-1: ${perConsumer['consumer-1']}, consumer-2: ${perConsumer['consumer-2']}), XPENDING 0`);
}

async function listRoundTrip(admin) {
    await admin.del(LIST);
    const blocker = await connect('blpop');
    const popped = blocker.blPop(LIST, 10);
    await waitUntilBlocked(admin, 'blpop');
    check(await admin.rPush(LIST, ['hello', 'world']) === 2, 'RPUSH did not return 2');
    const reply = await popped;
    check(reply !== null && reply.key === LIST && reply.element === 'hello', `BLPOP returned ${JSON.stringify(reply)}`);
    check(await admin.lPop(LIST) === 'world', 'the second element is not left in the list');
    check(await blocker.blPop(LIST, 0.1) === null, 'BLPOP on an empty list did not time out with null');
    console.log('lists: BLPOP woke up with the element from RPUSH; BLPOP timed out with null');
}

async function pubSubRoundTrip(admin) {
    const subscriber = await connect('subscriber');
    const received = [];
    let wake = null;
    await subscriber.subscribe(CHANNEL, (message, channel) => {
        received.push(`${channel}:${message}`);
        if (wake)
            wake();
    });
    await subscriber.pSubscribe('clients:n*', (message, channel) => {
        received.push(`pattern ${channel}:${message}`);
        if (wake)
            wake();
    });
    const numsub = await admin.pubSubNumSub(CHANNEL);
    check(numsub[CHANNEL] === 1, `PUBSUB NUMSUB reports ${numsub[CHANNEL]}`);

    const arrived = new Promise((resolve) => {
        wake = () => {
            if (received.length >= 2)
                resolve();
        };
    });
    const receivers = await admin.publish(CHANNEL, 'hello subscribers');
    check(receivers === 2, `PUBLISH returned ${receivers}, expected 2 (one channel, one pattern subscription)`);
    await arrived;
    received.sort();
    check(received[0] === `${CHANNEL}:hello subscribers`, `received ${JSON.stringify(received)}`);
    check(received[1] === `pattern ${CHANNEL}:hello subscribers`, `received ${JSON.stringify(received)}`);
    check(await admin.publish('nobody:listens', 'x') === 0, 'PUBLISH to a channel without subscribers did not return 0');

    await subscriber.unsubscribe(CHANNEL);
    await subscriber.pUnsubscribe('clients:n*');
    check(await admin.publish(CHANNEL, 'late') === 0, 'PUBLISH after UNSUBSCRIBE did not return 0');
    console.log('pubsub: the subscriber got the message from PUBLISH (channel and pattern)');
}

async function main() {
    const admin = await connect('admin');
    await streamJobs(admin);
    await listRoundTrip(admin);
    await pubSubRoundTrip(admin);
    for (const client of clients)
        await client.quit();
}

main().then(
    () => {
        clearTimeout(watchdog);
        console.log('PASS');
    },
    (err) => {
        console.error(`FAIL: ${err.stack || err.message}`);
        process.exit(1);
    });
