"""tradeguard.shipments"""
