/**
 * {@code /federate}: the latest sample of every series matching the {@code match[]} selectors, streamed in the text
 * exposition format (or delimited protobuf when asked), with the external labels added. Entry point
 * {@link io.ignis.server.federate.FederateHandler}; reads only through {@code storage.Queryable}, never the TSDB
 * or the API package.
 */
package io.ignis.server.federate;
