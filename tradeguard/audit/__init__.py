"""tradeguard.audit"""
