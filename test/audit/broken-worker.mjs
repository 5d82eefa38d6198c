// A worker script that cannot start: the pool must check every file on the main thread instead.
throw new Error("this worker cannot start");
