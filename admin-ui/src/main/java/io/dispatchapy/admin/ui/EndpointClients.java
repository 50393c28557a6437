package io.dispatchapy.admin.ui;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.dispatchapy.admin.rest.ClientDto;
import io.dispatchapy.admin.service.ClientService;

/** Sets which clients may call an endpoint (the client side owns the link), in one transaction. */
@ApplicationScoped
public class EndpointClients {
    private final ClientService clients;

    public EndpointClients(ClientService clients) {
        this.clients = clients;
    }

    @Transactional
    public void link(long endpointId, Collection<Long> clientIds) {
        for (ClientDto c : clients.list()) {
            boolean linked = c.endpointIds().contains(endpointId);
            boolean wanted = clientIds.contains(c.id());
            if (linked == wanted) {
                continue;
            }
            List<Long> ids = new ArrayList<>(c.endpointIds());
            if (wanted) {
                ids.add(endpointId);
            } else {
                ids.remove(endpointId);
            }
            clients.update(c.id(), new ClientDto(null, null, null, ids, null, null, null, null, null));
        }
    }
}
