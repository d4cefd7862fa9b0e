// The load generator of bench:server, in a process of its own: one autocannon run, described
// by the JSON in argv[2]; prints autocannon's result as JSON. For submissions each request gets
// a body and an Idempotency-Key of its own (a duplicate every `repeatEvery` requests resends an
// earlier one), and the answers' ids are collected.
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2]);
const options = { url: spec.url, connections: spec.connections, headers: spec.headers ?? {} };
if (spec.duration) options.duration = spec.duration;
if (spec.amount) options.amount = spec.amount;
const answers = [];
let n = 0;
if (spec.submissions) {
  options.requests = [
    {
      method: 'POST',
      setupRequest: (request) => {
        const i = n++;
        const k = spec.submissions.repeatEvery && i % spec.submissions.repeatEvery === 1 ? i - 1 : i;
        const body = { ...spec.submissions.body, title: `Lasttest-Termin Nummer ${k}` };
        return {
          ...request,
          headers: {
            ...request.headers,
            'content-type': 'application/json',
            'idempotency-key': `bench-${spec.submissions.run}-${k}`,
          },
          body: JSON.stringify(body),
        };
      },
      onResponse: (status, body) => answers.push({ status, body }),
    },
  ];
}
const result = await autocannon(options);
process.stdout.write(JSON.stringify({ result, answers, sent: spec.submissions ? n : undefined }));
