// aws-local-stepfunctions 3.0.0 declares node >= 22 and calls Promise.withResolvers (Node 22+) in
// every Task. On Node 20 every Task would fail with "Promise.withResolvers is not a function";
// this is the standard shape of that function, installed only where it is missing.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
