/**
 * {@code /federate}: the latest sample of every series matching the {@code match[]} selectors, in the text
 * exposition format, with the external labels added. Entry point {@link io.ignis.server.federate.FederateHandler};
 * reads only through {@code storage.Queryable}, never the TSDB or the API package.
 */
package io.ignis.server.federate;
